/**
 * The BR Code's check value: CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF, no
 * reflection, no final XOR), over the UTF-8 bytes of everything before it including the
 * characters "6304" (BCB, "Manual de Padrões para Iniciação do Pix", Anexo I, field 63 "CRC16";
 * EMV® QRCPS-MPM v1.0 §4.7.3) — https://www.bcb.gov.br/estabilidadefinanceira/pix
 * @module pix
 */

/** The UTF-8 bytes of `text` (the payloads built here are ASCII, one byte per character). */
function utf8(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    const c = char.codePointAt(0) ?? 0;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return bytes;
}

/**
 * CRC-16/CCITT-FALSE of `text`, as the four upper-case hexadecimal digits field 63 carries.
 *
 * @example
 * ```ts
 * crc16("123456789"); // "29B1" (the algorithm's published check value)
 * crc16("00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***6304");
 * // "1D3D" (the BCB manual's example)
 * ```
 */
export function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of utf8(text)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, "0");
}
