import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { crc16 } from "credit-block/pix";
import { crcParts, referenceCrc, VECTORS } from "./reference.js";

describe("CRC-16/CCITT-FALSE (field 63)", () => {
  it("gives the algorithm's published check value for 123456789: 29B1", () => {
    expect(referenceCrc("123456789")).toBe("29B1");
    expect(crc16("123456789")).toBe("29B1");
    expect(crc16("")).toBe("FFFF");
  });

  it.each(Object.entries(VECTORS))("recomputes the CRC of the published vector %s, over everything up to and including 6304", (_, payload) => {
    const { covered, crc } = crcParts(payload);
    expect(covered.endsWith("6304")).toBe(true);
    expect(referenceCrc(covered)).toBe(crc);
    expect(crc16(covered)).toBe(crc);
  });

  it("agrees with the table-driven reference on any text, accents and emoji included (UTF-8 bytes)", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 80 }), (text) => crc16(text) === referenceCrc(text)), { numRuns: 500 });
  });
});
