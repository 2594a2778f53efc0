/**
 * Which text encoding a back-office file is in, decided once per file and said aloud.
 *
 * Brazilian spreadsheets and ERPs write three: UTF-8 (often with a BOM, Excel's "CSV UTF-8"),
 * Windows-1252 (Excel's plain "CSV (separado por vírgulas)" on a Portuguese Windows) and UTF-16
 * (Excel's "Texto Unicode"). Guessing per chunk is how "José" becomes "JosÃ©": here the file's
 * head decides, and a later byte that contradicts the decision stops the read with its offset
 * and the `--encoding` flag that settles it.
 */
import { isUtf8 } from "node:buffer";
import { FileProblem } from "./problems.js";
import { firstInvalidUtf8 } from "../../utf8.js";

export { firstInvalidUtf8 };

/** Encodings the `--encoding` flag accepts. */
const ENCODINGS = ["utf-8", "windows-1252", "utf-16le", "utf-16be"] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Spellings people type for each encoding. */
const ALIASES: Readonly<Record<string, Encoding>> = {
  "utf-8": "utf-8", utf8: "utf-8",
  "windows-1252": "windows-1252", cp1252: "windows-1252", "win-1252": "windows-1252", ansi: "windows-1252", "latin-1": "windows-1252", latin1: "windows-1252", "iso-8859-1": "windows-1252",
  "utf-16le": "utf-16le", "utf-16": "utf-16le", unicode: "utf-16le", "utf-16be": "utf-16be",
};

/** The encoding a `--encoding` value names, or a problem listing the accepted ones. */
export function encodingFlag(value: string): Encoding {
  const encoding = ALIASES[value.trim().toLowerCase()];
  if (encoding === undefined) throw new FileProblem(`--encoding "${value}" is not one of ${ENCODINGS.join(", ")}`);
  return encoding;
}

/** What was decided about a file's bytes, and why (printed in the dialect line). */
export interface EncodingDecision {
  readonly encoding: Encoding;
  /** Bytes of BOM at the start, to skip. */
  readonly bomLength: number;
  /** Why: "BOM", "--encoding", "valid UTF-8", or the first byte that is not UTF-8. */
  readonly because: string;
}

const hex = (byte: number) => `0x${byte.toString(16).toUpperCase().padStart(2, "0")}`;

/**
 * Decides the encoding from the file's first bytes (a BOM, `--encoding`, or the bytes
 * themselves). Windows-1252 is chosen only for a head that is not UTF-8 and holds no UTF-8
 * multi-byte sequence at all: a head that mixes both is refused rather than read wrongly.
 */
export function decideEncoding(head: Uint8Array, name: string, flag?: Encoding): EncodingDecision {
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? "utf-8"
    : head[0] === 0xff && head[1] === 0xfe ? "utf-16le"
    : head[0] === 0xfe && head[1] === 0xff ? "utf-16be" : undefined;
  const bomLength = bom === "utf-8" ? 3 : bom ? 2 : 0;
  if (flag !== undefined) {
    if (bom !== undefined && bom !== flag) throw new FileProblem(`${name}: the file starts with a ${bom.toUpperCase()} byte-order mark, but --encoding says ${flag}`);
    return { encoding: flag, bomLength, because: "--encoding" };
  }
  if (bom !== undefined) return { encoding: bom, bomLength, because: "BOM" };
  if (looksUtf16(head)) throw new FileProblem(`${name}: the file looks like UTF-16 without a byte-order mark; pass --encoding utf-16le (or utf-16be)`);
  const complete = head.subarray(0, completeUtf8Length(head));
  if (isUtf8(complete)) return { encoding: "utf-8", bomLength: 0, because: "no BOM, valid UTF-8" };
  const bad = firstInvalidUtf8(complete);
  if (hasUtf8Sequence(complete)) {
    throw new FileProblem(`${name}: not UTF-8 at byte ${bad} (${hex(complete[bad] as number)}), though earlier bytes are UTF-8: the file mixes two encodings. Save it again in one, or pass --encoding windows-1252 to read every byte as Windows-1252`);
  }
  return { encoding: "windows-1252", bomLength: 0, because: `byte ${hex(complete[bad] as number)} at ${bad} is not UTF-8` };
}

function looksUtf16(head: Uint8Array): boolean {
  // Text in UTF-16 has a NUL in every other byte; CSV text never holds NUL.
  const n = Math.min(head.length, 64);
  let zeros = 0;
  for (let i = 0; i < n; i++) if (head[i] === 0) zeros++;
  return n >= 4 && zeros >= n / 4;
}

/** Length of `bytes` without a trailing, possibly cut, multi-byte sequence. */
function completeUtf8Length(bytes: Uint8Array): number {
  const end = bytes.length;
  // A sequence is at most 4 bytes: look back at most 3 for its lead byte.
  for (let back = 1; back <= 3 && back <= end; back++) {
    const b = bytes[end - back] as number;
    if (b < 0x80) return end;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > back ? end - back : end;
    }
  }
  return end;
}

/** Whether `bytes` hold at least one well-formed UTF-8 multi-byte sequence. */
function hasUtf8Sequence(bytes: Uint8Array): boolean {
  for (let i = 0; i + 1 < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b >= 0xc2 && b <= 0xf4 && firstInvalidUtf8(bytes.subarray(i, i + (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2))) === -1) return true;
  }
  return false;
}

/**
 * Turns the file's chunks into what the CSV parser reads: UTF-8 bytes, checked (each chunk
 * as it arrives, a sequence cut by a chunk boundary carried over), or text decoded from
 * Windows-1252 / UTF-16.
 */
export class ChunkDecoder {
  private carry: Uint8Array = new Uint8Array(0);
  /** File offset of the first byte not yet checked. */
  private offset = 0;
  /** BOM bytes still to drop (a UTF-16 decoder drops its own). */
  private skip: number;
  private readonly decoder: TextDecoder | undefined;

  constructor(private readonly decision: EncodingDecision, private readonly name: string) {
    this.decoder = decision.encoding === "utf-8" ? undefined : textDecoder(decision.encoding);
    this.skip = decision.encoding === "utf-8" ? decision.bomLength : 0;
  }

  /** The next piece of text (a Buffer of UTF-8 or a string); `last` flushes what is carried. */
  push(chunk: Uint8Array, last: boolean): Uint8Array | string {
    if (this.decoder !== undefined) return this.decoder.decode(chunk, { stream: !last });
    if (this.skip > 0) {
      const dropped = Math.min(this.skip, chunk.length);
      chunk = chunk.subarray(dropped);
      this.skip -= dropped;
      this.offset += dropped;
    }
    const bytes = this.carry.length === 0 ? chunk : concat(this.carry, chunk);
    const usable = last ? bytes.length : completeUtf8Length(bytes);
    const head = bytes.subarray(0, usable);
    if (!isUtf8(head)) {
      const at = this.offset + firstInvalidUtf8(head);
      throw new FileProblem(`${this.name}: not UTF-8 at byte ${at} (${hex(head[at - this.offset] as number)}); the file was read as UTF-8 (${this.decision.because}). If it is Windows-1252 (Excel's "CSV (separado por vírgulas)"), pass --encoding windows-1252`);
    }
    this.offset += usable;
    // Copies, both: the caller reuses its read buffer (and a Buffer's slice is a view).
    this.carry = Uint8Array.prototype.slice.call(bytes, usable);
    return Buffer.from(head);
  }
}

function textDecoder(encoding: Exclude<Encoding, "utf-8">): TextDecoder {
  try {
    return new TextDecoder(encoding);
  } catch {
    // A Node built with small-icu has no windows-1252 decoder; Latin-1 has the same letters.
    return new TextDecoder("latin1");
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
