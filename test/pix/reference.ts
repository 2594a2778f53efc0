/**
 * Independent references for the tests: a table-driven CRC-16/CCITT-FALSE over Node's own UTF-8
 * encoder (the library computes it bit by bit over its own encoder), and an EMV field writer,
 * so each published vector's CRC is recomputed here rather than trusted.
 */
const TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n << 8;
  for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
  return c;
});

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) of the UTF-8 bytes of `text`, 4 upper-case hex digits. */
export function referenceCrc(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, "utf8")) crc = ((crc << 8) & 0xffff) ^ (TABLE[((crc >> 8) ^ byte) & 0xff] ?? 0);
  return crc.toString(16).toUpperCase().padStart(4, "0");
}

/** ID + two-digit length + value. */
export const tlv = (id: string, value: string): string => `${id}${String(value.length).padStart(2, "0")}${value}`;

/** `body` (everything before field 63) with its "6304" and CRC appended. */
export const withCrc = (body: string): string => `${body}6304${referenceCrc(`${body}6304`)}`;

/** Splits a payload into its four-character CRC and what the CRC covers. */
export function crcParts(payload: string): { covered: string; crc: string } {
  return { covered: payload.slice(0, -4), crc: payload.slice(-4) };
}

/**
 * Published BR Codes, each CRC recomputed here by the table-driven reference before it is used:
 * - BCB, "Manual de Padrões para Iniciação do Pix", Anexo I: the static example (key
 *   123e4567-e12b-12d1-a456-426655440000, Fulano de Tal, BRASILIA → 1D3D) and the dynamic one
 *   (location bx.com.br/pix/8b3da2f3-…, 123.45, txid RP12345678-2019 → 45C8);
 * - bacen/pix-api issue #236 (github.com/bacen/pix-api/issues/236): a real static code of
 *   R$ 0,15 posted to test which PSPs pass the txid on (→ 5B1E).
 */
export const VECTORS = {
  bcbStatic: "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D",
  bcbDynamic: "00020101021226720014br.gov.bcb.pix2550bx.com.br/pix/8b3da2f3-9a41-40d1-a91a-bd93113bd4415204000053039865406123.455802BR5913Fulano de Tal6008BRASILIA62190515RP12345678-2019630445C8",
  pixApi236: "00020126580014br.gov.bcb.pix01365a5ea8c2-cbb5-4c25-a7be-2a778871fc5f52040000530398654040.155802BR5911Arrumadinho6008Brasilia62260522e433v1524u155f31mDvx0163045B1E",
} as const;
