import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/**
 * The README's TypeScript snippets are what users copy: each one is type-checked against the
 * real API, with the project's strict compiler options, so a renamed option or a changed
 * signature breaks this test instead of the reader's build. A snippet's free names (the
 * caller's own `gate`, `db`, `note`...) get an ambient declaration of the type a caller has.
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const readme = readFileSync(join(root, "README.md"), "utf8");
const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => ({ code: m[1] ?? "", line: readme.slice(0, m.index).split("\n").length + 1 }));

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
  new RegExp(`\\b(?:const|let|var|function|class)\\s+${name}\\b|import\\s+(?:\\*\\s+as\\s+)?${name}\\b|import\\s*\\{[^}]*\\b${name}\\b[^}]*\\}`).test(code);

function virtualFiles(): Map<string, string> {
  const files = new Map<string, string>();
  blocks.forEach(({ code }, i) => {
    const prelude = Object.entries(AMBIENT).filter(([name]) => new RegExp(`\\b${name}\\b`).test(code) && !declares(code, name)).map(([, d]) => d);
    // In examples/, so `./policy.json` resolves to the sample policy that ships there; `export {}`
    // makes a snippet without imports a module too (top-level await).
    files.set(join(root, "examples", `readme-block-${String(i + 1)}.ts`), `${prelude.join("\n")}\n${code}\nexport {};\n`);
  });
  return files;
}

describe("README snippets", () => {
  it("has the snippets this test reads", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(12);
  });

  it("type-check against the real API, each as a caller writes it", () => {
    const config = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    if (!config) throw new Error("tsconfig.json did not parse");
    const files = virtualFiles();
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
        const n = Number(/readme-block-(\d+)/.exec(d.file?.fileName ?? "")?.[1]);
        return `README snippet at line ${String(blocks[n - 1]?.line)}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      });
    expect(problems).toEqual([]);
  }, 120_000);
});
