import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The package as users get it: `npm pack`, then a fresh project that installs the tarball and
 * loads every entry with `require` and with `import` (attw checks the types in `npm test`).
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const project = mkdtempSync(join(tmpdir(), "credit-block-consumer-"));
// credit-block/pix/svg needs its optional peer uqr, installed below with express.
const ENTRIES = ["credit-block", "credit-block/http", "credit-block/node", "credit-block/nfce", "credit-block/zod", "credit-block/express", "credit-block/json-schema", "credit-block/pix", "credit-block/pix/svg", "credit-block/boleto"];

beforeAll(() => {
  if (!existsSync(join(root, "dist", "index.js"))) execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
  execFileSync("npm", ["pack", "--pack-destination", project, "--silent"], { cwd: root, stdio: "ignore" });
  const tarball = readdirSync(project).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error("npm pack produced no tarball");
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
  // express and uqr too (the versions this repository tests with): the middleware across bundles, and credit-block/pix/svg.
  const dev = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { devDependencies: Record<string, string> }).devDependencies;
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", join(project, tarball), `express@${dev.express ?? "5"}`, `uqr@${dev.uqr ?? "0.1"}`], { cwd: project, stdio: "ignore" });
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

  // credit-block/node and credit-block/http are separate bundles: serve() reads the body for a
  // handler built by another bundle (and, mixing require and import, by another copy of it).
  it.each([
    ["import", "import"],
    ["require", "import"],
  ])("serves a credit-block/http handler with credit-block/node (server by %s, handler by %s): 200, and 413 for a chunked body over the limit", (serverBy, handlerBy) => {
    const load = (by: string, entry: string) => (by === "import" ? `await import("${entry}")` : `require("${entry}")`);
    const script = `import { createRequire } from "node:module";
      import { connect } from "node:net";
      const require = createRequire(import.meta.url);
      const { serve } = ${load(serverBy, "credit-block/node")};
      const { createHandler } = ${load(handlerBy, "credit-block/http")};
      const { presets } = ${load(handlerBy, "credit-block")};
      const handler = createHandler({ policy: presets.blockCreditWhenOverdue(), maxBodyBytes: 200, now: () => new Date("2026-11-23T15:00:00Z") });
      const running = await serve({ handler, port: 0, signals: false, log: () => {} });
      const body = JSON.stringify({ customer: { id: "c" }, receivables: [{ id: "t", amount: "1.00", dueDate: "2026-10-01" }], sale: { tenders: [{ method: "boleto", amount: "5.00" }] } });
      const decided = await fetch(running.url + "/v1/decide", { method: "POST", headers: { "content-type": "application/json" }, body });
      const chunked = await new Promise((resolve, reject) => {
        const socket = connect(Number(new URL(running.url).port), "127.0.0.1", () => {
          socket.write("POST /v1/decide HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nContent-Type: application/json\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n");
          socket.write("12c\\r\\n" + " ".repeat(300) + "\\r\\n0\\r\\n\\r\\n");
        });
        let data = "";
        socket.on("data", (chunk) => { data += chunk; });
        socket.on("error", reject);
        socket.on("close", () => { resolve(data.split("\\r\\n")[0]); });
      });
      await running.close();
      process.stdout.write(JSON.stringify([decided.status, decided.headers.get("x-credit-outcome"), chunked]));`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: project, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual([200, "deny", "HTTP/1.1 413 Payload Too Large"]);
  });

  it("mounts a credit-block/http handler with credit-block/express: 413 over the limit, read by express.json() or by the middleware", () => {
    const script = `import express from "express";
      import { creditBlockMiddleware } from "credit-block/express";
      import { createHandler } from "credit-block/http";
      import { presets } from "credit-block";
      const handler = createHandler({ policy: presets.blockCreditWhenOverdue(), maxBodyBytes: 200 });
      const statuses = [];
      for (const parsed of [true, false]) {
        const app = express();
        if (parsed) app.use(express.json({ limit: "1mb" }));
        app.use("/credit", creditBlockMiddleware(handler));
        const server = app.listen(0, "127.0.0.1");
        await new Promise((resolve) => server.once("listening", resolve));
        const body = JSON.stringify({ customer: { id: "x".repeat(300) }, receivables: [] });
        const r = await fetch("http://127.0.0.1:" + server.address().port + "/credit/v1/decide", { method: "POST", headers: { "content-type": "application/json" }, body });
        statuses.push(r.status);
        await new Promise((resolve) => server.close(resolve));
      }
      process.stdout.write(JSON.stringify(statuses));`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: project, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual([413, 413]);
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
