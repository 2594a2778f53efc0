/**
 * UTF-8 well-formedness, shared by the adapters that read bytes: the sidecar's request bodies,
 * the command's JSON files and CSV ledgers (RFC 3629: no overlong forms, no surrogates, nothing
 * past U+10FFFF, as the WHATWG decoder reads them).
 * @internal
 */

/** The continuation bytes a UTF-8 lead byte needs, and the range its second byte must be in (no overlongs, no surrogates, nothing past U+10FFFF). */
function sequenceOf(lead: number): { readonly more: number; readonly low: number; readonly high: number } | null {
  if (lead >= 0xc2 && lead <= 0xdf) return { more: 1, low: 0x80, high: 0xbf };
  if (lead === 0xe0) return { more: 2, low: 0xa0, high: 0xbf };
  if (lead === 0xed) return { more: 2, low: 0x80, high: 0x9f };
  if (lead >= 0xe1 && lead <= 0xef) return { more: 2, low: 0x80, high: 0xbf };
  if (lead === 0xf0) return { more: 3, low: 0x90, high: 0xbf };
  if (lead >= 0xf1 && lead <= 0xf3) return { more: 3, low: 0x80, high: 0xbf };
  if (lead === 0xf4) return { more: 3, low: 0x80, high: 0x8f };
  return null;
}

/**
 * The offset of the first byte that does not start a valid UTF-8 sequence (as the WHATWG
 * decoder reads it), or -1 when every byte does.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const sequence = sequenceOf(lead);
    if (!sequence || i + sequence.more >= bytes.length) return i;
    const second = bytes[i + 1] as number;
    if (second < sequence.low || second > sequence.high) return i;
    for (let k = 2; k <= sequence.more; k++) {
      const next = bytes[i + k] as number;
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += sequence.more + 1;
  }
  return -1;
}
