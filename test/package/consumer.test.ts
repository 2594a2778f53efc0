import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The package as users get it: `npm pack`, then a fresh project that installs the tarball and
 * loads every entry with `require` and with `import` (attw checks the types in `npm test`).
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const project = mkdtempSync(join(tmpdir(), "credit-block-consumer-"));
const ENTRIES = ["credit-block", "credit-block/http", "credit-block/node", "credit-block/nfce", "credit-block/zod", "credit-block/express", "credit-block/json-schema"];

beforeAll(() => {
  if (!existsSync(join(root, "dist", "index.js"))) execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
  execFileSync("npm", ["pack", "--pack-destination", project, "--silent"], { cwd: root, stdio: "ignore" });
  const tarball = readdirSync(project).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error("npm pack produced no tarball");
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", join(project, tarball)], { cwd: project, stdio: "ignore" });
}, 120_000);

describe("the packed package in a fresh project", () => {
  it("ships only what it should", () => {
    const files = execFileSync("tar", ["-tzf", join(project, readdirSync(project).find((f) => f.endsWith(".tgz")) ?? "")], { encoding: "utf8" }).split("\n").filter(Boolean);
    expect(files).toContain("package/dist/index.js");
    expect(files).toContain("package/policy.schema.json");
    expect(files.some((f) => f.startsWith("package/src/") || f.startsWith("package/test/"))).toBe(false);
  });

  it("loads every entry with require (CommonJS)", () => {
    const script = `for (const e of ${JSON.stringify(ENTRIES)}) { const m = require(e); if (Object.keys(m).length === 0) throw new Error(e); }
      const { createCreditGate, presets } = require("credit-block");
      const d = createCreditGate(presets.blockCreditWhenOverdue()).decide({ asOf: "2026-11-23", customer: { id: "c" }, receivables: [{ id: "t", amount: "1.00", dueDate: "2026-10-01" }], sale: { tenders: [{ method: "boleto", amount: "5.00" }] } });
      process.stdout.write(d.outcome);`;
    expect(execFileSync(process.execPath, ["-e", script], { cwd: project, encoding: "utf8" })).toBe("deny");
  });

  it("loads every entry with import (ESM), sharing one CreditBlockError class", () => {
    const script = `const core = await import("credit-block");
      for (const e of ${JSON.stringify(ENTRIES)}) { const m = await import(e); if (Object.keys(m).length === 0) throw new Error(e); }
      const { SaleBlockedError } = await import("credit-block/zod");
      const err = new SaleBlockedError({}, []);
      process.stdout.write(String(err instanceof core.CreditBlockError));`;
    expect(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: project, encoding: "utf8" })).toBe("true");
  });

  it("runs the demo from the installed package", () => {
    const out = execFileSync(process.execPath, [join(project, "node_modules", "credit-block", "dist", "cli.js"), "demo"], { cwd: project, encoding: "utf8" });
    expect(out).toContain("Carteira de Loja Exemplo de Utilidades Ltda");
  });

  it("installs the credit-block command", () => {
    const out = execFileSync(process.execPath, [join(project, "node_modules", "credit-block", "dist", "cli.js"), "policy", "schema"], { cwd: project, encoding: "utf8" });
    expect(JSON.parse(out)).toHaveProperty("properties.rules");
  });
});
