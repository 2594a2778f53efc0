/**
 * `credit-block serve` with the store's Pix receiver in its config (issue #20 item 4): the
 * real command answers regularize.pix for exactly what lifts the block, draws the QR code of a
 * BR Code on POST /v1/pix/svg (uqr is installed here), and speaks `--locale pt-BR` to a caller
 * that sends no Accept-Language.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { presets } from "credit-block";
import { parsePixPayload, txidFor } from "credit-block/pix";
import { cliArgs } from "../support/cli.js";

const dir = mkdtempSync(join(tmpdir(), "cb-serve-pix-"));
writeFileSync(join(dir, "policy.json"), JSON.stringify(presets.blockCreditWhenOverdue({ graceDays: 5 })));
writeFileSync(join(dir, "config.json"), JSON.stringify({ policy: "policy.json", port: 0, locale: "pt-BR", pix: { key: "11.222.333/0001-81", name: "Loja do Zé", city: "São Paulo" } }));

let child: ChildProcess;
let url = "";
beforeAll(async () => {
  child = spawn(process.execPath, [...cliArgs, "serve", "--config", join(dir, "config.json")], { stdio: ["ignore", "ignore", "pipe"] });
  const lines = createInterface({ input: child.stderr as NodeJS.ReadableStream });
  url = await new Promise<string>((resolve, reject) => {
    lines.on("line", (line) => {
      const event = JSON.parse(line) as { event?: string; url?: string };
      if (event.event === "listening" && event.url) resolve(event.url);
    });
    child.once("exit", (code) => { reject(new Error(`serve exited with ${String(code)}`)); });
  });
}, 60_000);
afterAll(() => {
  child.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

const post = (path: string, body: unknown) => fetch(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("credit-block serve with a Pix receiver in its config", () => {
  it("regularize.pix is the Pix of exactly payAtLeast, with the títulos' txid", async () => {
    const response = await post("/v1/decide", {
      asOf: "2026-11-23", customer: { id: "c1" },
      receivables: [{ id: "NF1/1", amount: "150.00", dueDate: "2026-10-01" }],
      sale: { tenders: [{ method: "store_credit", amount: "80.00" }] },
    });
    const { regularize } = (await response.json()) as { regularize: { payAtLeast: string; receivableIds: string[]; pix: { payload: string } } };
    const read = parsePixPayload(regularize.pix.payload);
    expect([read.amount, read.txid, read.name, read.city]).toEqual([regularize.payAtLeast, txidFor(regularize.receivableIds), "Loja do Ze", "Sao Paulo"]);
    const svg = await post("/v1/pix/svg", { payload: regularize.pix.payload });
    expect(svg.status).toBe(200);
    expect(((await svg.json()) as { svg: string }).svg.startsWith("<svg")).toBe(true);
  });

  it("problems in the configured locale when the caller sends no Accept-Language", async () => {
    const response = await post("/v1/pix/svg", { payload: "000201" });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-language")).toBe("pt-BR");
  });
});
