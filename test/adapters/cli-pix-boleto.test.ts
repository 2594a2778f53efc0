import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatMoney } from "credit-block";
import { parseBoleto } from "credit-block/boleto";
import { parsePixPayload, pixPayload, txidFor } from "credit-block/pix";
import { pixSvg } from "credit-block/pix/svg";
import { main, type Io } from "../../src/adapters/cli/index.js";

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: Io = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, stdin: () => "", isTTY: false, now: () => new Date("2026-11-23T12:00:00Z") };
  return { code: await main(argv, io), out, err };
}

const dir = mkdtempSync(join(tmpdir(), "cb-pix-"));
const CAIXA = "10492.00650 61000.100042 00997.263900 9 89810000021403";

describe("credit-block pix", () => {
  it("prints the static BR Code the library builds, and nothing else", async () => {
    const r = await run(["pix", "--key", "+55 61 91234-5678", "--name", "Loja do Zé", "--city", "São Paulo", "--amount", "152.37", "--txid", "CB0001", "--description", "Parcela 3", "--postal-code", "01310-100"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${pixPayload({ key: "+5561912345678", name: "Loja do Zé", city: "São Paulo", amount: "152.37", txid: "CB0001", description: "Parcela 3", postalCode: "01310100" })}\n`);
    expect(parsePixPayload(r.out)).toMatchObject({ amount: "152.37", name: "Loja do Ze", txid: "CB0001" });
  });

  it("writes the QR code with --svg, and still prints the payload", async () => {
    const file = join(dir, "qr.svg");
    const r = await run(["pix", "--key", "123e4567-e12b-12d1-a456-426655440000", "--name", "Fulano de Tal", "--city", "BRASILIA", "--svg", file]);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe("00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D");
    expect(readFileSync(file, "utf8")).toBe(pixSvg(r.out.trim()));
  });

  it("names each flag's problem (exit 1), and asks for the receiver's three flags", async () => {
    const bad = await run(["pix", "--key", "529.982.247-24", "--name", "Loja", "--city", "Uma cidade longa demais", "--amount", "1,50"]);
    expect(bad.code).toBe(1);
    expect(bad.out).toBe("");
    expect(bad.err).toMatch(/^\s+key: the CPF check digits do not match/m);
    expect(bad.err).toMatch(/^\s+city: must be at most 15 characters/m);
    expect(bad.err).toMatch(/^\s+amount: "1,50" is not a decimal amount/m);
    const missing = await run(["pix", "--key", "+5561912345678"]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("pix needs --key, --name and --city");
  });
});

describe("credit-block boleto", () => {
  it("prints what the line says, in pt-BR by default, the line as printed on the slip", async () => {
    const r = await run(["boleto", CAIXA, "--as-of", "2022-05-02"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toBe([
      "boleto bancário   banco 104",
      `valor             ${formatMoney("214.03", { locale: "pt-BR" })}`,
      "vencimento        10/05/2022",
      `linha digitável   ${CAIXA}`,
      "código de barras  10499898100000214032006561000100040099726390",
      "",
    ].join("\n"));
  });

  it("--json gives the library's reading; the line may come in unquoted pieces", async () => {
    const r = await run(["boleto", ...CAIXA.split(" "), "--as-of", "2022-05-02", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(parseBoleto(CAIXA, { asOf: "2022-05-02" }));
    const f = await run(["boleto", "--format", "json", CAIXA, "--as-of", "2022-05-02"]);
    expect(f.out).toBe(r.out);
  });

  it("reads arrecadação and, without --as-of, picks the factor's cycle around today (2026-11-23)", async () => {
    const collection = await run(["boleto", "83860000005-0 09600019000-9 00080178230-9 00034306271-2", "--locale", "en"]);
    expect(collection.out).toContain("segment 3 (Energia elétrica e gás)");
    expect(collection.out).toContain(`amount           ${formatMoney("509.60", { locale: "en" })}`);
    expect(collection.out).toContain("not in the number");
    // factor 8981 is 2022-05-10 (first cycle) or 2046-12-30 (second): today is nearer the first.
    expect(JSON.parse((await run(["boleto", CAIXA, "--json"])).out)).toMatchObject({ dueDate: "2022-05-10" });
  });

  it("names the field whose check digit is wrong (exit 1), and asks for the line", async () => {
    const r = await run(["boleto", CAIXA.replace("100042", "100043"), "--as-of", "2022-05-02"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^\s+line\.field2: is not a valid field 2 of a linha digitável/m);
    expect((await run(["boleto"])).err).toContain("boleto needs the linha digitável or barcode");
    expect((await run(["boleto", CAIXA, "--format", "csv"])).code).toBe(1);
  });
});

describe("decide, payoff and collect with the store's Pix receiver", () => {
  const receiver = { key: "11.222.333/0001-81", name: "Loja do Zé", city: "São Paulo" };
  const rows = join(dir, "rows.json");
  writeFileSync(rows, JSON.stringify([{ id: "t1", customerId: "c1", amount: "389.90", dueDate: "2026-10-07" }]));

  it("decide: a policy naming the receiver gets regularize.pix for exactly payAtLeast", async () => {
    const policy = join(dir, "policy-pix.json");
    writeFileSync(policy, JSON.stringify({ id: "loja", version: 1, pix: receiver, rules: [{ id: "overdue", when: { fact: "overdueCount", op: "gt", value: 0 }, scope: "credit", action: "deny" }] }));
    const request = join(dir, "request.json");
    writeFileSync(request, JSON.stringify({ asOf: "2026-11-23", customer: { id: "c1" }, receivables: [{ id: "t1", amount: "389.90", dueDate: "2026-10-07" }], sale: { tenders: [{ method: "store_credit", amount: "10.00" }] } }));
    const r = await run(["decide", "--policy", policy, "--request", request]);
    expect(r.err).toBe("");
    const decision = JSON.parse(r.out) as { regularize: { payAtLeast: string; pix: { payload: string; txid: string } } };
    expect(parsePixPayload(decision.regularize.pix.payload)).toMatchObject({ amount: "389.90", txid: txidFor(["t1"]) });
  });

  it("payoff and collect: options naming the receiver get the Pix of the net and of each message", async () => {
    const terms = join(dir, "payoff-pix.json");
    writeFileSync(terms, JSON.stringify({ terms: { finePercent: "2", monthlyInterestPercent: "1" }, pix: receiver }));
    const payoff = await run(["payoff", "--terms", terms, "--receivables", rows, "--as-of", "2026-11-23"]);
    expect(payoff.err).toBe("");
    const quote = JSON.parse(payoff.out) as { net: string; pix: { payload: string } };
    expect(parsePixPayload(quote.pix.payload).amount).toBe(quote.net);
    const options = join(dir, "collect-pix.json");
    writeFileSync(options, JSON.stringify({ creditor: { name: "Loja Exemplo Ltda", document: "11.222.333/0001-81" }, pix: receiver, cadence: [{ offsetDays: 1, channel: "whatsapp", template: "{creditorName} ({creditorDocument}): Pix {pixCopiaECola}" }] }));
    const collect = await run(["collect", "--options", options, "--receivables", rows, "--as-of", "2026-11-23"]);
    expect(collect.err).toBe("");
    const [step] = JSON.parse(collect.out) as { message: string; pix: { payload: string } }[];
    expect(step?.message).toBe(`Loja Exemplo Ltda (11.222.333/0001-81): Pix ${step?.pix.payload ?? "?"}`);
    expect(parsePixPayload(step?.pix.payload ?? "").amount).toBe("389.90");
  });
});
