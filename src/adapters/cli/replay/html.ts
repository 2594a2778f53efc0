/**
 * The replay report as one self-contained HTML file a store owner opens offline: the policies
 * side by side, charts drawn by uPlot (inlined, an optional peer dependency of the CLI), the
 * most affected customers and the assumptions, in pt-BR.
 * @module
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { formatMoney, type ReplayReport } from "credit-block";

/** The chart library's browser build and stylesheet, inlined into the page. */
export interface ChartAssets {
  readonly script: string;
  readonly css: string;
}

/**
 * Reads uPlot's browser build from the installed package, or says what to install.
 *
 * @example
 * ```ts
 * const assets = loadChartAssets(); // throws "npm install uplot" when it is missing
 * ```
 */
export function loadChartAssets(): ChartAssets {
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = require.resolve("uplot/package.json").replace(/package\.json$/, "");
  } catch {
    throw new Error("the HTML report draws its charts with uPlot: npm install uplot");
  }
  return { script: readFileSync(`${dir}dist/uPlot.iife.min.js`, "utf8"), css: readFileSync(`${dir}dist/uPlot.min.css`, "utf8") };
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON inside a <script> element: `<` escaped so no text can close the element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, "\\u003c");

type PolicyReport = ReplayReport["policies"][number];

function moneyCell(policy: number, field: string, amount: string, currency: string): string {
  return `<td data-policy="${policy}" data-field="${escapeHtml(field)}" data-value="${escapeHtml(amount)}">${escapeHtml(formatMoney(amount, { currency }))}</td>`;
}

function countCell(policy: number, field: string, count: number): string {
  return `<td data-policy="${policy}" data-field="${escapeHtml(field)}" data-value="${count}">${count.toLocaleString("pt-BR")}</td>`;
}

const TALLIES: readonly [keyof PolicyReport["totals"], string][] = [
  ["allowed", "Liberadas"], ["review", "Para supervisor"], ["denied", "Negadas"],
  ["lossesAvoided", "Perdas evitadas"], ["lossesLetThrough", "Perdas deixadas passar"], ["paidAnyway", "Negadas que pagariam"],
];

function summary(report: ReplayReport): string {
  const heads = report.policies.map((p) => `<th colspan="2">${escapeHtml(p.id)} v${escapeHtml(String(p.version))}</th>`).join("");
  const row = (label: string, cells: (p: PolicyReport, i: number) => string): string => `<tr><th scope="row">${label}</th>${report.policies.map(cells).join("")}</tr>`;
  const c = report.currency;
  return `<table class="summary"><thead><tr><th></th>${heads}</tr></thead><tbody>
${row("Vendas", (p, i) => `${countCell(i, "sales", p.totals.sales)}<td></td>`)}
${row("Vendas a prazo", (p, i) => countCell(i, "creditSales", p.totals.creditSales) + moneyCell(i, "creditAmount", p.totals.creditAmount, c))}
${TALLIES.map(([key, label]) => row(label, (p, i) => {
    const t = p.totals[key] as { count: number; amount: string };
    return countCell(i, `${key}.count`, t.count) + moneyCell(i, `${key}.amount`, t.amount, c);
  })).join("\n")}
${row("Clientes afetados", (p, i) => `${countCell(i, "customersAffected", p.totals.customersAffected)}<td></td>`)}
${row("Crédito perdido", (p, i) => `<td></td>${moneyCell(i, "creditLost", p.totals.creditLost, c)}`)}
</tbody></table>`;
}

function topCustomers(p: PolicyReport, i: number, currency: string): string {
  if (p.topCustomers.length === 0) return "<p>Nenhum cliente teve crédito negado.</p>";
  const rows = p.topCustomers.map((c) => `<tr><td>${escapeHtml(c.customerId)}</td>${countCell(i, `top.${c.customerId}.refusedSales`, c.refusedSales)}${moneyCell(i, `top.${c.customerId}.refused`, c.refused, currency)}${moneyCell(i, `top.${c.customerId}.losses`, c.losses, currency)}</tr>`).join("");
  return `<table class="top"><thead><tr><th>Cliente</th><th>Vendas negadas</th><th>Crédito negado</th><th>Perdas</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Draws the charts from the report embedded in the page; marks the body when done. */
const DRAW = `
(function () {
  var report = JSON.parse(document.getElementById("replay-data").textContent);
  var cents = function (s) { var neg = s.charAt(0) === "-"; var p = (neg ? s.slice(1) : s).split("."); var v = parseInt(p[0], 10) * 100 + parseInt(((p[1] || "") + "00").slice(0, 2), 10); return neg ? -v : v; };
  var brl = function (c) { return "R$ " + (c / 100).toLocaleString("pt-BR", { minimumFractionDigits: 0, maximumFractionDigits: 0 }); };
  var drawn = 0;
  function bars(el, title, labels, series, money) {
    var x = labels.map(function (_, i) { return i; });
    var opts = {
      title: title, width: 560, height: 260, legend: { live: false },
      scales: { x: { time: false, range: [-0.5, Math.max(labels.length - 0.5, 0.5)] } },
      axes: [
        { values: function (u, ticks) { return ticks.map(function (t) { return labels[t] === undefined ? "" : labels[t]; }); }, incrs: [1] },
        { values: function (u, ticks) { return ticks.map(function (t) { return money ? brl(t) : String(t); }); }, size: 80 },
      ],
      series: [{}].concat(series.map(function (s, i) {
        return { label: s.label, stroke: s.color, fill: s.color + "99", paths: uPlot.paths.bars({ size: [0.8 / series.length, 60], align: i === 0 ? -1 : 1 }), points: { show: false } };
      })),
    };
    new uPlot(opts, [x].concat(series.map(function (s) { return s.values; })), el);
    drawn++;
  }
  report.policies.forEach(function (p, i) {
    var months = p.months.map(function (m) { return m.month; });
    bars(document.getElementById("months-" + i), "Crédito negado × perdas evitadas por mês", months, [
      { label: "negado", color: "#c0392b", values: p.months.map(function (m) { return cents(m.denied); }) },
      { label: "perdas evitadas", color: "#27ae60", values: p.months.map(function (m) { return cents(m.lossesAvoided); }) },
    ], true);
    bars(document.getElementById("rules-" + i), "Crédito negado por regra", p.rules.map(function (r) { return r.rule; }), [
      { label: "negado", color: "#2c3e50", values: p.rules.map(function (r) { return cents(r.deniedAmount); }) },
    ], true);
    bars(document.getElementById("days-" + i), "Vendas a prazo por dias de atraso no dia da venda", p.overdueDays.map(function (b) { return b.band; }), [
      { label: "vendas", color: "#7f8c8d", values: p.overdueDays.map(function (b) { return b.sales; }) },
      { label: "negadas", color: "#c0392b", values: p.overdueDays.map(function (b) { return b.refused; }) },
    ], false);
  });
  document.body.setAttribute("data-charts", String(drawn));
})();
`;

/**
 * The report as one HTML page, with everything inlined (no network, no external file).
 *
 * @example
 * ```ts
 * writeFileSync("replay.html", replayHtml(report, loadChartAssets()));
 * ```
 */
export function replayHtml(report: ReplayReport, assets: ChartAssets): string {
  const a = report.assumptions;
  const policies = report.policies.map((p, i) => `<section class="policy">
<h2>${escapeHtml(p.id)} v${escapeHtml(String(p.version))}</h2>
<div class="charts"><div id="months-${i}"></div><div id="rules-${i}"></div><div id="days-${i}"></div></div>
<h3>Clientes mais afetados</h3>
${topCustomers(p, i, report.currency)}
</section>`).join("\n");
  return `<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Simulação de política de crédito</title>
<style>${assets.css}
body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.8rem; text-align: right; }
th[scope="row"], .top td:first-child { text-align: left; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
</style>
</head>
<body>
<h1>O que a política teria feito com as vendas passadas</h1>
${summary(report)}
<p class="assumptions">Premissas: uma venda a prazo negada é perdida, exceto a fração ${escapeHtml(a.conversion)} paga à vista;
um título é perda quando termina baixado ou aberto há mais de ${a.lossAfterDays} dias após o vencimento em ${escapeHtml(a.endDate)}.</p>
${policies}
<script type="application/json" id="replay-data">${scriptJson(report)}</script>
<script>${assets.script.replace(/<\/script/gi, "<\\/script")}</script>
<script>${DRAW}</script>
</body>
</html>
`;
}
