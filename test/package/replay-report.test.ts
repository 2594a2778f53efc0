import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { formatMoney, presets, replayPolicy, type ReplayInput, type ReplayReport } from "credit-block";
import { loadChartAssets, replayHtml } from "../../src/adapters/cli/replay/html.js";

/**
 * The replay report in real headless Chromium (Debian's package): it renders offline without a
 * console error, its nine charts draw, and every number on the page is the number in the JSON.
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const skip = !existsSync(chromiumPath) && process.env.CREDIT_BLOCK_REQUIRE_BROWSER !== "1";
if (skip) console.warn(`credit-block: no Chromium at ${chromiumPath}, the replay report test is skipped; apt-get install chromium`);

const history: ReplayInput = {
  sales: Array.from({ length: 40 }, (_, i) => ({ id: `s${i}`, customerId: `c${i % 13}`, date: `2026-0${1 + (i % 8)}-1${i % 10}`, tenders: [{ method: "store_credit" as const, amount: `${100 + 7 * i}.${String(i % 100).padStart(2, "0")}` }] })),
  receivables: Array.from({ length: 40 }, (_, i) => {
    const issueDate = `2026-0${1 + (i % 8)}-1${i % 10}`;
    const dueDate = `2026-0${2 + (i % 8)}-1${i % 10}`;
    const amount = `${100 + 7 * i}.${String(i % 100).padStart(2, "0")}`;
    if (i % 5 === 0) return { id: `t${i}`, customerId: `c${i % 13}`, saleId: `s${i}`, amount, issueDate, dueDate, status: "written_off" as const };
    if (i % 3 === 0) return { id: `t${i}`, customerId: `c${i % 13}`, saleId: `s${i}`, amount, issueDate, dueDate };
    return { id: `t${i}`, customerId: `c${i % 13}`, saleId: `s${i}`, amount, issueDate, dueDate, status: "paid" as const, paidDate: `2026-${String(3 + (i % 8)).padStart(2, "0")}-0${1 + (i % 9)}` };
  }),
};
const proposed = { id: "proposta", version: 2, rules: [{ id: "any-open", when: { fact: "openBalance", op: "gt", value: "500.00" }, scope: "credit", action: "review" }] } as const;
const report: ReplayReport = replayPolicy(history, { policy: presets.blockCreditWhenOverdue({ graceDays: 5 }), compare: proposed, endDate: "2026-12-01", conversion: "0.2" });

/** The JSON value a `data-field` names, in policy `i`. */
function valueAt(i: number, field: string): unknown {
  const p = report.policies[i];
  if (p === undefined) return undefined;
  const top = /^top\.(.+)\.(refusedSales|refused|losses)$/.exec(field);
  if (top) return p.topCustomers.find((c) => c.customerId === top[1])?.[top[2] as "refused"];
  return field.split(".").reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], p.totals);
}

describe.skipIf(skip)("the replay report in headless Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"] });
  }, 120_000);
  afterAll(async () => {
    await browser.close();
  });

  it("renders offline, draws its charts, and shows the JSON's numbers", async () => {
    expect(report.policies[0]?.totals.denied.count).toBeGreaterThan(0);
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(m.text()); });
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("request", (r) => { if (!r.url().startsWith("data:") && r.url() !== "about:blank") problems.push(`network: ${r.url()}`); });
    await page.setContent(replayHtml(report, loadChartAssets()), { waitUntil: "load" });
    await page.waitForSelector('body[data-charts="6"]', { timeout: 15_000 });
    const canvases = await page.$$eval("canvas", (list) => list.map((c) => (c).width * (c).height));
    expect(canvases.length).toBe(6);
    expect(canvases.every((area) => area > 10_000)).toBe(true);
    const cells = await page.$$eval("[data-field]", (list) => list.map((el) => ({ policy: Number(el.getAttribute("data-policy")), field: el.getAttribute("data-field") ?? "", value: el.getAttribute("data-value") ?? "", text: el.textContent })));
    expect(cells.length).toBeGreaterThan(30);
    for (const c of cells) {
      const json = valueAt(c.policy, c.field);
      expect(json, c.field).toBeDefined();
      expect(c.value, c.field).toBe(String(json));
      if (typeof json === "string") expect(c.text, c.field).toBe(formatMoney(json));
      else expect(c.text.replace(/\D/g, ""), c.field).toBe(String(json));
    }
    expect(await page.textContent("h1")).toContain("O que a política teria feito");
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
