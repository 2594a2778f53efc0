import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { chromium, type Browser } from "playwright-core";

/**
 * The ESM bundle as a browser POS loads it: real headless Chromium (Debian's package, never a
 * test tool's own download) imports `dist/index.js` and `dist/http.js` through an import map,
 * decides a sale, formats money with the browser's Intl, and answers a Fetch API request.
 *
 * Without Chromium it is skipped, with a warning that says how to install it; with
 * CREDIT_BLOCK_REQUIRE_BROWSER=1 (`.ci/run` sets it, and installs Chromium) it fails instead.
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const INSTALL_HINT = "apt-get install chromium (Debian's package), or set CHROMIUM_PATH";
const browserRequired = process.env.CREDIT_BLOCK_REQUIRE_BROWSER === "1";
const skipBrowser = !existsSync(chromiumPath) && !browserRequired;
if (skipBrowser) console.warn(`credit-block: no Chromium at ${chromiumPath}, the browser test is skipped; to run it, ${INSTALL_HINT}`);

const TYPES: Record<string, string> = { ".js": "text/javascript", ".mjs": "text/javascript", ".html": "text/html" };

/**
 * The import map: `credit-block` and each subpath the bundles reach map to `dist/`, every other
 * bare specifier (their dependencies) to the file Node resolves for `import`.
 */
async function importMap(): Promise<Record<string, string>> {
  const imports: Record<string, string> = {};
  const dependencies = new Set<string>();
  const pending = ["credit-block", "credit-block/http"];
  for (let specifier = pending.pop(); specifier !== undefined; specifier = pending.pop()) {
    const file = specifier === "credit-block" ? "index.js" : `${specifier.slice("credit-block/".length)}.js`;
    imports[specifier] = `/dist/${file}`;
    for (const m of readFileSync(join(root, "dist", file), "utf8").matchAll(/^(?:import|export)\b[^;"']*?\bfrom\s*["']([^"'./][^"']*)["']/gm)) {
      const bare = m[1] as string;
      if (bare.startsWith("credit-block")) {
        if (!(bare in imports) && !pending.includes(bare)) pending.push(bare);
      } else dependencies.add(bare);
    }
  }
  const script = `for (const s of ${JSON.stringify([...dependencies])}) console.log(s + "\\t" + import.meta.resolve(s));`;
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { cwd: root });
  for (const line of stdout.trim().split("\n").filter(Boolean)) {
    const [specifier, url] = line.split("\t") as [string, string];
    imports[specifier] = "/" + relative(root, fileURLToPath(url)).split(sep).join("/");
  }
  return imports;
}

/** One checkout scenario, run against the ESM bundle both in Chromium and in Node: the two must agree. */
const SCENARIO = `
const { createCreditGate, presets, formatMoney, computeCharges, CreditBlockError, toMoney } = await import("credit-block");
const { createHandler } = await import("credit-block/http");
const gate = createCreditGate(presets.blockCreditWhenOverdue());
const request = {
  asOf: "2026-11-23",
  customer: { id: "c-1" },
  receivables: [{ id: "t-1", amount: "150.00", dueDate: "2026-10-01" }],
  sale: { tenders: [{ method: "boleto", amount: "80.00" }, { method: "pix", amount: "20.00" }] },
};
const decision = gate.decide(request);
let invalid;
try { toMoney("12,50"); } catch (e) { invalid = { isCreditBlockError: e instanceof CreditBlockError, code: e.code, path: e.issues[0]?.path }; }
const charges = computeCharges({ id: "t-1", amount: "1000.00", dueDate: "2026-10-01" }, { asOf: "2026-11-23", finePercent: "2", monthlyInterestPercent: "1" });
const handler = createHandler({ policy: presets.blockCreditWhenOverdue(), now: () => new Date("2026-11-23T15:00:00Z") });
const response = await handler(new Request("http://pos.local/v1/decide", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request) }));
globalThis.result = {
  outcome: decision.outcome,
  tenders: decision.tenders.map((t) => [t.method, t.outcome]),
  formatted: formatMoney("1234.5"),
  charges: [charges.fine, charges.interest, charges.total],
  invalid,
  http: { status: response.status, outcome: (await response.json()).outcome },
  requestUntouched: request.sale.tenders.length === 2 && request.receivables[0].amount === "150.00",
};
`;

let server: Server | undefined;
let browser: Browser | undefined;
let base = "";

const title = "the ESM bundle in headless Chromium";
describe.skipIf(skipBrowser)(skipBrowser ? `${title} (skipped: no Chromium at ${chromiumPath}; ${INSTALL_HINT})` : title, () => {
  beforeAll(async () => {
    if (!existsSync(chromiumPath)) throw new Error(`CREDIT_BLOCK_REQUIRE_BROWSER=1 but there is no Chromium at ${chromiumPath}: ${INSTALL_HINT}`);
    if (!existsSync(join(root, "dist", "index.js"))) execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
    const imports = await importMap();
    const html = `<!doctype html><meta charset="utf-8"><title>credit-block</title><link rel="icon" href="data:,">
<script type="importmap">${JSON.stringify({ imports })}</script>
<script type="module">${SCENARIO}</script>`;
    server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
      if (path === "/") return void res.writeHead(200, { "content-type": TYPES[".html"] }).end(html);
      const file = join(root, path);
      const allowed = (file.startsWith(join(root, "dist") + sep) || file.startsWith(join(root, "node_modules") + sep)) && existsSync(file);
      if (!allowed) return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/`;
    // Playwright gives each launch a fresh, temporary profile.
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => { if (server) server.close(() => { resolve(); }); else resolve(); });
  });

  it("decides a sale, formats money, rejects bad input and answers a Fetch request, as Node does", async () => {
    if (!browser) throw new Error(`Chromium did not start from ${chromiumPath}`);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("response", (r) => { if (r.status() >= 400) errors.push(`${String(r.status())} ${r.url()}`); });
    await page.goto(base);
    // A module that fails to load (a Node built-in, a missing file) never sets the result.
    await page.waitForFunction(() => "result" in globalThis, undefined, { timeout: 30_000 }).catch(() => undefined);
    expect(errors).toEqual([]);
    const inBrowser = await page.evaluate(() => (globalThis as unknown as { result?: unknown }).result);
    expect(inBrowser).toEqual({
      outcome: "deny",
      tenders: [["boleto", "deny"], ["pix", "allow"]],
      formatted: "R$ 1.234,50",
      charges: ["20.00", "17.66", "1037.66"],
      invalid: { isCreditBlockError: true, code: "INVALID_INPUT", path: "value" },
      http: { status: 200, outcome: "deny" },
      requestUntouched: true,
    });
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", `${SCENARIO}\nprocess.stdout.write(JSON.stringify(globalThis.result));`], { cwd: root });
    expect(JSON.parse(stdout)).toEqual(inBrowser);
  });
});
