/**
 * `credit-block serve --config file`: a JSON file whose keys are the long flags (camelCase or as
 * written on the command line), plus `source`. Flags given on the command line win over the
 * file. Every problem is reported at once, at its path in the file.
 */
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { z } from "zod/mini";
import { CreditBlockError, issue, parseInput } from "credit-block";
import { parseJsonExact } from "../json.js";

const port = z.int().check(z.minimum(0), z.maximum(65_535));
const millis = (max: number) => z.int().check(z.minimum(0), z.maximum(max));
const nonEmpty = z.string().check(z.minLength(1));

/** The serve settings a file (or the flags) may give. */
export const ServeConfigSchema = z.strictObject({
  policy: z.optional(nonEmpty),
  port: z.optional(port),
  host: z.optional(nonEmpty),
  tz: z.optional(nonEmpty),
  tokens: z.optional(nonEmpty),
  insecure: z.optional(z.boolean()),
  tlsCert: z.optional(nonEmpty),
  tlsKey: z.optional(nonEmpty),
  allowedHosts: z.optional(z.array(nonEmpty)),
  corsOrigins: z.optional(z.array(z.string().check(z.regex(/^https?:\/\/[^/\s]+$/)))),
  maxBodyBytes: z.optional(z.int().check(z.minimum(1), z.maximum(2 ** 30))),
  headersTimeoutMs: z.optional(millis(2 ** 31 - 1)),
  requestTimeoutMs: z.optional(millis(2 ** 31 - 1)),
  drainTimeoutMs: z.optional(millis(600_000)),
  failSafe: z.optional(z.enum(["review", "deny"])),
  /** The language of problem details for a request without Accept-Language. */
  locale: z.optional(z.enum(["en", "pt-BR"])),
  /**
   * The store's Pix receiver, when the policy names none: the policy is served as if it named
   * this one, so `regularize.pix` carries the Pix copia e cola (checked by the encoder as the
   * BCB manual asks, at `pix.key`, `pix.name`, `pix.city`).
   */
  pix: z.optional(z.record(z.string(), z.unknown())),
  source: z.optional(z.record(z.string(), z.unknown())),
});

/** What {@link readServeConfig} returns: paths resolved against the file's directory. */
export type ServeConfig = z.output<typeof ServeConfigSchema> & { readonly baseDir: string };

const PATH_KEYS = ["policy", "tokens", "tlsCert", "tlsKey"] as const;

const camel = (key: string): string => key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Reads and checks a config file. Keys may be written as the flags are (`tls-cert`) or in
 * camelCase (`tlsCert`), not both; relative paths are relative to the file, so a unit file's
 * `--config /etc/credit-block/credit-block.config.json` finds `policy.json` beside it.
 */
export function readServeConfig(path: string | undefined, flags: Readonly<Record<string, unknown>>, cwd: string): ServeConfig {
  const fromFile: Record<string, unknown> = {};
  const baseDir = path === undefined ? cwd : dirname(resolve(cwd, path));
  if (path !== undefined) {
    const raw = parseJsonExact(readFileSync(path, "utf8"));
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      throw new CreditBlockError("INVALID_INPUT", [issue("config", "invalid_type", { expected: "object", received: raw === null ? "null" : Array.isArray(raw) ? "array" : typeof raw })]);
    }
    for (const [key, value] of Object.entries(raw)) {
      const name = camel(key);
      if (Object.hasOwn(fromFile, name)) throw new CreditBlockError("INVALID_INPUT", [issue(`config.${key}`, "conflicting_value", { value: key, other: `config.${name}`, otherValue: name })]);
      fromFile[name] = value;
    }
    for (const key of PATH_KEYS) {
      const value = fromFile[key];
      if (typeof value === "string" && !isAbsolute(value)) fromFile[key] = resolve(baseDir, value);
    }
  }
  const merged: Record<string, unknown> = { ...fromFile };
  for (const [key, value] of Object.entries(flags)) if (value !== undefined) merged[key] = value;
  const config = parseInput(ServeConfigSchema, merged, "config");
  return { ...config, baseDir };
}

/** Bearer tokens from a file: one per line; blank lines and `#` comments skipped. */
export function readTokens(path: string): string[] {
  const tokens = readFileSync(path, "utf8").split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"));
  const weak = tokens.find((t) => t.length < 16 || /\s/.test(t));
  if (tokens.length === 0) throw new CreditBlockError("INVALID_INPUT", [issue("config.tokens", "too_small", { minimum: "one token per line" })]);
  if (weak !== undefined) throw new CreditBlockError("INVALID_INPUT", [issue("config.tokens", "too_small", { minimum: "16 characters per token, no spaces" })]);
  return tokens;
}
