/**
 * The documentation's code is what users copy: every TypeScript block of the README and the
 * guides is type-checked against the real API with the project's strict options (a renamed
 * option breaks this test, not the reader's build); blocks marked `<!-- run -->` are also run,
 * and what they print must be what the page shows; every CLI transcript is produced by running
 * the command, and every curl transcript by asking a real sidecar. A snippet's free names (the caller's own `gate`, `db`, `note`…) get an ambient
 * declaration of the type a caller has.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import type { PolicyDocument } from "credit-block";
import { createHandler } from "credit-block/http";
import { serve, type RunningServer } from "credit-block/node";
import { main } from "../src/adapters/cli/index.js";
import { blocksOf, PAGES, root, transcriptsOf, type DocBlock } from "./support/docBlocks.js";

/** What a caller's own names are, in the snippets that use them without declaring them. */
const AMBIENT: Readonly<Record<string, string>> = {
  ledger: `declare const ledger: import("credit-block").ReceivableInput[];`,
  openTitles: `declare const openTitles: import("credit-block").ReceivableInput[];`,
  body: `declare const body: string;`,
  policyJson: `declare const policyJson: import("credit-block").PolicyDocument;`,
  policy: `declare const policy: import("credit-block").PolicyDocument;`,
  gate: `declare const gate: import("credit-block").CreditGate;`,
  decision: `declare const decision: import("credit-block").Decision;`,
  asOf: `declare const asOf: string;`,
  customer: `declare const customer: import("credit-block").CustomerInput;`,
  receivables: `declare const receivables: import("credit-block").ReceivableInput[];`,
  history: `declare const history: import("credit-block").ReplayInput;`,
  proposed: `declare const proposed: import("credit-block").PolicyDocument;`,
  today: `declare function today(): string;`,
  db: `declare const db: { customer(id: string): Promise<import("credit-block").CustomerInput>; openTitles(id: string): Promise<import("credit-block").ReceivableInput[]> };`,
  OrderSchema: `declare const OrderSchema: import("zod").ZodType<{ customerId: string; tenders: import("credit-block").TenderInput[] }>;`,
  app: `declare const app: { use(...handlers: unknown[]): void };`,
  express: `declare const express: { json(): unknown };`,
  note: `declare const note: { pag: { detPag: import("credit-block/nfce").NfcePayment[]; vTroco?: string }; total: { ICMSTot: { vNF: string } } };`,
};

const declares = (code: string, name: string) =>
  new RegExp(`\\b(?:const|let|var)\\s*[{[][^}\\]]*\\b${name}\\b[^}\\]]*[}\\]]\\s*=|\\b(?:const|let|var|function|class)\\s+${name}\\b|import\\s+(?:\\*\\s+as\\s+)?${name}\\b|import\\s*\\{[^}]*\\b${name}\\b[^}]*\\}`).test(code);

const tsBlocks = PAGES.flatMap((page) => blocksOf(page).filter((b) => b.lang === "ts"));
const where = (b: DocBlock) => `${b.page}:${b.line}`;
// In examples/, so `./policy.json` resolves to the sample policy that ships there.
const fileOf = (i: number) => join(root, "examples", `doc-block-${String(i + 1)}.ts`);

describe("documentation snippets", () => {
  it("every page has code, and the guides have runnable code", () => {
    expect(tsBlocks.length).toBeGreaterThanOrEqual(12);
    for (const page of PAGES.filter((p) => p.startsWith("docs/guides/") && !p.endsWith("glossary.md"))) {
      const blocks = blocksOf(page);
      expect(blocks.some((b) => b.marker === "run" || b.marker === "transcript"), `${page} ends with code that runs`).toBe(true);
    }
  });

  it("type-check against the real API, each as a caller writes it", () => {
    const config = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    if (!config) throw new Error("tsconfig.json did not parse");
    const files = new Map<string, string>();
    tsBlocks.forEach(({ code }, i) => {
      const prelude = Object.entries(AMBIENT).filter(([name]) => new RegExp(`\\b${name}\\b`).test(code) && !declares(code, name)).map(([, d]) => d);
      // `export {}` makes a snippet without imports a module too (top-level await).
      files.set(fileOf(i), `${prelude.join("\n")}\n${code}\nexport {};\n`);
    });
    const host = ts.createCompilerHost(config.options);
    const disk = { getSourceFile: host.getSourceFile.bind(host), fileExists: host.fileExists.bind(host), readFile: host.readFile.bind(host) };
    host.fileExists = (f) => files.has(f) || disk.fileExists(f);
    host.readFile = (f) => files.get(f) ?? disk.readFile(f);
    host.getSourceFile = (f, version, ...rest) => {
      const text = files.get(f);
      return text !== undefined ? ts.createSourceFile(f, text, version, true) : disk.getSourceFile(f, version, ...rest);
    };
    const program = ts.createProgram([...files.keys()], config.options, host);
    const problems = ts.getPreEmitDiagnostics(program)
      .filter((d) => d.file && files.has(d.file.fileName))
      .map((d) => {
        const n = Number(/doc-block-(\d+)/.exec(d.file?.fileName ?? "")?.[1]);
        const block = tsBlocks[n - 1];
        return `${block ? where(block) : "?"}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      });
    expect(problems).toEqual([]);
  }, 180_000);
});

const run = promisify(execFile);
let sidecar: RunningServer | undefined;
/** A sidecar with the sample policy, started on first use. */
async function sidecarUrl(): Promise<string> {
  if (sidecar === undefined) {
    const policy = JSON.parse(readFileSync(join(root, "examples/policy.json"), "utf8")) as PolicyDocument;
    sidecar = await serve({ handler: createHandler({ policy, timeZone: "America/Sao_Paulo" }), port: 0, log: () => {} });
  }
  return sidecar.url;
}
afterAll(async () => { await sidecar?.close(); });

// Beside the examples, as the type-check places them, so `./negotiation-policy.json` resolves.
const written: string[] = [];
afterAll(() => { for (const file of written) rmSync(file, { force: true }); });

const runnable = PAGES.flatMap((page) => {
  const blocks = blocksOf(page);
  return blocks.flatMap((b, i) => (b.marker === "run" ? [[where(b), b, blocks[i + 1]] as const] : []));
});
const transcripts = PAGES.flatMap((page) => transcriptsOf(page).map((t) => [where(t.command), t] as const));

describe("documentation code that runs", () => {
  it("there is some", () => {
    expect(runnable.length + transcripts.length).toBeGreaterThan(5);
  });

  it.each(runnable)("%s runs, and prints what the page shows", async (_, block, next) => {
    const file = join(root, "examples", `.doc-run-${block.page.replace(/[^a-z0-9]+/gi, "-")}-${block.line}.ts`);
    writeFileSync(file, `${block.code}\nexport {};\n`);
    written.push(file);
    const printed: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => { printed.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ")); });
    try {
      await import(pathToFileURL(file).href);
    } finally {
      log.mockRestore();
    }
    // A run block followed by a text block shows its output.
    if (next?.lang === "text" && next.marker === undefined) expect(printed.join("\n").trimEnd()).toBe(next.code.trimEnd());
  }, 60_000);

  it.each(transcripts.filter(([, t]) => t.command.code.trim().startsWith("curl")))("%s: the HTTP transcript is what the sidecar answers", async (_, { command, output }) => {
    // The guides' sidecar is `credit-block serve --policy examples/policy.json` on port 8787; here, a real one on a free port.
    const url = await sidecarUrl();
    const script = command.code.replaceAll("http://127.0.0.1:8787", url);
    // Asynchronously: the sidecar answers from this process's event loop.
    const answer = await run("sh", ["-c", script], { cwd: root, encoding: "utf8", timeout: 30_000 });
    expect(answer.stderr).toBe("");
    expect(answer.stdout.trimEnd()).toBe(output.code.trimEnd());
  }, 60_000);

  it.each(transcripts.filter(([, t]) => !t.command.code.trim().startsWith("curl")))("%s: the transcript is what the command prints", async (_, { command, output, files }) => {
    // The page's files, written where the command finds them; their paths said back by name.
    const dir = mkdtempSync(join(tmpdir(), "credit-block-doc-"));
    for (const [name, text] of files) writeFileSync(join(dir, name), text);
    // Words as a shell splits them: "quoted" and 'quoted' words kept whole.
    const words = [...command.code.trim().replace(/\\\n\s*/g, " ").matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
    expect(words.slice(0, 2)).toEqual(["npx", "credit-block"]);
    let out = "";
    let err = "";
    const args = words.slice(2).map((w) => (files.has(w) ? join(dir, w) : w));
    await main(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, stdin: () => "", isTTY: false, now: () => new Date("2026-11-23T12:00:00Z") });
    let said = err + out;
    for (const name of files.keys()) said = said.replaceAll(join(dir, name), name);
    const shown = said.split("\n").map((l) => l.trimEnd()).join("\n").trimEnd();
    expect(shown).toBe(output.code.trimEnd());
  }, 60_000);
});
