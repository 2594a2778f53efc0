import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { encode } from "uqr";
import { pixPayload } from "credit-block/pix";
import { pixSvg } from "credit-block/pix/svg";
import { expectIssue } from "../support/expectError.js";
import { VECTORS } from "./reference.js";

/** The modules of an SVG drawn by uqr: one `h…v…h…z` square per dark module, at `M x,y`. */
const darkModules = (svg: string, pixel: number) => [...svg.matchAll(/M(\d+),(\d+)h/g)].map((m) => `${Number(m[1]) / pixel},${Number(m[2]) / pixel}`);

describe("pixSvg (credit-block/pix/svg): the BR Code as a QR code", () => {
  it("draws exactly the QR code of the payload text: level M, a quiet zone of 4 modules", () => {
    const payload = pixPayload({ key: "+5561912345678", name: "Loja do Zé", city: "Brasília", amount: "152.37" });
    const svg = pixSvg(payload);
    expect(svg.startsWith("<svg")).toBe(true);
    const qr = encode(payload, { ecc: "M", border: 4 });
    expect(svg).toContain(`viewBox="0 0 ${qr.size * 10} ${qr.size * 10}"`);
    const expected = qr.data.flatMap((row, y) => row.flatMap((dark, x) => (dark ? [`${x},${y}`] : [])));
    expect(darkModules(svg, 10).sort()).toEqual(expected.sort());
  });

  it("takes the drawing options", () => {
    const svg = pixSvg(VECTORS.bcbStatic, { ecc: "H", border: 0, pixelSize: 4, blackColor: "#123456" });
    const qr = encode(VECTORS.bcbStatic, { ecc: "H", border: 0 });
    expect(svg).toContain(`viewBox="0 0 ${qr.size * 4} ${qr.size * 4}"`);
    expect(svg).toContain('fill="#123456"');
  });

  it("never draws a payload a bank app would refuse", () => {
    expectIssue(() => pixSvg(VECTORS.bcbStatic.replace("Fulano", "Fulana")), "payload.crc");
  });

  it("the payload's entry names no QR library: only svg.ts imports uqr", () => {
    const dir = fileURLToPath(new URL("../../src/pix/", import.meta.url));
    const importing = readdirSync(dir).filter((f) => /\bfrom\s+["']uqr["']|import\(["']uqr["']\)/.test(readFileSync(`${dir}${f}`, "utf8")));
    expect(importing).toEqual(["svg.ts"]);
    expect(readFileSync(`${dir}index.ts`, "utf8")).not.toMatch(/from "\.\/svg\.js"/);
  });
});
