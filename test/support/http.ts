import { connect } from "node:net";

/** One request, as a test sends it. */
export interface Sent { readonly method?: string; readonly path: string; readonly type?: string; readonly body?: string }

/** What a test compares of an answer: status, the headers that carry meaning, and the body. */
export async function send(base: string, sent: Sent) {
  const response = await fetch(`${base}${sent.path}`, {
    method: sent.method ?? "POST",
    ...(sent.type !== undefined ? { headers: { "content-type": sent.type } } : {}),
    ...(sent.body !== undefined ? { body: sent.body } : {}),
  });
  const keep = ["content-type", "allow", "x-credit-outcome"];
  return { status: response.status, headers: keep.map((k) => response.headers.get(k)), body: await response.text() };
}

/** A raw HTTP/1.1 exchange on a socket: what a hostile or broken client can send. */
export function raw(base: string, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(base).port), "127.0.0.1", () => socket.write(request));
    let data = "";
    socket.on("data", (chunk) => (data += chunk.toString()));
    socket.on("error", reject);
    socket.on("close", () => { resolve(data); });
  });
}

export const JSON_TYPE = "application/json";
const checkout = (tenders: unknown, receivables: unknown = [{ id: "t1", amount: "389.90", dueDate: "2026-10-07" }]) =>
  JSON.stringify({ customer: { id: "c1" }, receivables, sale: { tenders } });

/**
 * Requests on which a credit-block handler's plain entry point and its Fetch wrapper must answer
 * alike, whoever serves them: every route, method and error a client can reach.
 */
export const PARITY_CASES: readonly Sent[] = [
  { path: "/v1/decide", type: JSON_TYPE, body: checkout([{ method: "store_credit", amount: "100.00" }, { method: "pix", amount: "20.00" }]) },
  { path: "/v1/decide/", type: "application/vnd.pos+json; charset=utf-8", body: checkout([{ method: "cash", amount: "1.00" }], []) },
  { path: "/v1/decide", type: JSON_TYPE, body: checkout([{ method: "store_credit", amount: "12,50" }]) },
  { path: "/v1/decide", type: JSON_TYPE, body: "{ not json" },
  { path: "/v1/decide", type: JSON_TYPE, body: "\"\\ud800\"" },
  { path: "/v1/decide", type: "text/plain", body: "{}" },
  { path: "/v1/decide", type: JSON_TYPE, body: JSON.stringify({ customer: { id: "x".repeat(5000) } }) },
  { path: "/v1/decide", method: "GET" },
  { path: "/v1/nothing", method: "GET" },
  { path: "/v1/%2e%2e/v1/health", method: "GET" },
  { path: "/v1/health", method: "GET" },
  { path: "/v1/health", method: "DELETE" },
  { path: "/v1/policy", method: "GET" },
  { path: "/v1/plan", type: JSON_TYPE, body: JSON.stringify({ principal: "1000.00", count: 3, monthlyRatePercent: "2", system: "price", firstDueDate: "2026-12-23" }) },
  { path: "/v1/charges", type: JSON_TYPE, body: JSON.stringify({ receivable: { id: "t", amount: "100.00", dueDate: "2026-11-03" }, terms: { finePercent: "2", monthlyInterestPercent: "1" } }) },
];

/** A test name for a case. */
export const caseName = (c: Sent): string => `${c.method ?? "POST"} ${c.path} ${c.type ?? ""} ${(c.body ?? "").slice(0, 30)}`;
