/**
 * What SIGHUP and `RunningServer.reload()` do: a new policy through `loadPolicy`, new bearer
 * tokens through `loadTokens`; a failure keeps the old ones serving and is logged, never a token.
 * @internal
 */
import { CreditBlockError } from "credit-block";
import type { Emit } from "./eventLog.js";
import { TOKEN_PATTERN, Tokens } from "./guard.js";
import type { ServeOptions } from "./serveOptions.js";

/** What a reload reads and replaces. */
export interface ReloadTargets {
  readonly options: Pick<ServeOptions, "handler" | "loadPolicy" | "loadTokens">;
  readonly emit: Emit;
  /** The tokens in use, and how to replace them. */
  readonly tokens: () => Tokens;
  readonly useTokens: (tokens: Tokens) => void;
}

/** What is wrong with a new token list; its message never contains a token. */
class TokenProblem extends Error {}

/** A failure's words for the log, unless they could quote a token (see `reloadTokens`). */
const reasonOf = (error: unknown, mayQuote: boolean): string => {
  if (!(error instanceof Error)) return mayQuote ? "loadTokens failed" : String(error);
  const errno = typeof (error as NodeJS.ErrnoException).syscall === "string";
  // CreditBlockError names paths and reasons; a JSON or other parser's error quotes its input.
  return !mayQuote || errno || error instanceof TokenProblem || error instanceof CreditBlockError ? error.message : `${error.name} (message not logged: it may quote a token)`;
};

/** The new policy, if `loadPolicy` is set and the handler reloads: true, false on failure, undefined when not configured. */
async function reloadPolicy({ options, emit }: ReloadTargets): Promise<boolean | undefined> {
  const handler = options.handler;
  if (!options.loadPolicy || !("reload" in handler)) return undefined;
  try {
    handler.reload(await options.loadPolicy());
    emit("policy-reloaded", { id: handler.policy.id, version: handler.policy.version });
    return true;
  } catch (error) {
    const issues = typeof error === "object" && error !== null && "issues" in error ? (error).issues : undefined;
    emit("policy-reload-failed", { message: reasonOf(error, false), issues, keeping: handler.policy.version });
    return false;
  }
}

/** The new tokens, if `loadTokens` is set: true, false on failure, undefined when not configured. */
async function reloadTokens({ options, emit, tokens, useTokens }: ReloadTargets): Promise<boolean | undefined> {
  if (!options.loadTokens) return undefined;
  try {
    const next: unknown = await options.loadTokens();
    if (!Array.isArray(next)) throw new TokenProblem("loadTokens must return a list of tokens");
    const bad = next.findIndex((t: unknown) => typeof t !== "string" || !TOKEN_PATTERN.test(t));
    if (bad >= 0) throw new TokenProblem(`token ${bad + 1} of ${next.length} is not 16 to 4096 visible ASCII characters without spaces`);
    if (next.length === 0 && tokens().size > 0) throw new TokenProblem("no tokens: an empty list would turn authentication off");
    useTokens(new Tokens(next as string[]));
    emit("tokens-reloaded", { count: tokens().size });
    return true;
  } catch (error) {
    // A parser's message can quote its input (JSON.parse does), and the input is the token
    // file: only our own words and file-system errors are logged.
    emit("tokens-reload-failed", { message: reasonOf(error, true), keeping: tokens().size });
    return false;
  }
}

/** Reloads the policy and the tokens together; true when at least one is configured and none failed. */
export async function reloadAll(targets: ReloadTargets): Promise<boolean> {
  const results = (await Promise.all([reloadPolicy(targets), reloadTokens(targets)])).filter((r) => r !== undefined);
  return results.length > 0 && results.every(Boolean);
}
