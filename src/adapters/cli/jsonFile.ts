/**
 * The CLI's JSON files (policy, request, terms, ledger, options) read as people save them: UTF-8,
 * with or without the BOM Windows editors write. Anything else is refused in one line that names
 * the file and says what to do — UTF-16 (Notepad's "Unicode"), Latin-1 / Windows-1252 bytes, an
 * empty file — and a syntax error names the file, line and column, as an editor counts them.
 *
 * Node 20's `JSON.parse` reports a position for some errors only ("Unexpected token ']', "[1,]" is
 * not valid JSON" has none), and its wording changes between V8 versions; so after a failed parse
 * the text is walked once more to find where, and what, the first error is.
 */
import { readFileSync } from "node:fs";
import { parseJsonExact } from "../json.js";
import { firstInvalidUtf8 } from "../utf8.js";

/**
 * A JSON file the CLI cannot read: its message is one line for stderr that starts with the file
 * name as given (`policy.json: …`, or `policy.json:3:17: …` for a syntax error).
 *
 * @example
 * ```ts
 * try { readJsonFile("policy.json"); } catch (e) { if (e instanceof JsonFileError) process.stderr.write(`${e.message}\n`); }
 * ```
 */
export class JsonFileError extends Error {
  override readonly name = "JsonFileError";
}

/**
 * Parses a JSON file's bytes with {@link parseJsonExact} (so numbers a double cannot hold are
 * still refused, as a `CreditBlockError` at their path). A UTF-8 BOM is dropped; a UTF-16 or
 * UTF-32 file (with a BOM, or recognised by its NUL bytes), bytes that are not UTF-8, an empty
 * file and a syntax error are a {@link JsonFileError}. Byte offsets are 0-based; lines and columns
 * 1-based, columns in characters.
 *
 * @example
 * ```ts
 * parseJsonFile(new TextEncoder().encode('\uFEFF{"graceDays": 5}'), "policy.json"); // { graceDays: 5 }
 * parseJsonFile(new TextEncoder().encode('{"graceDays": 5,}'), "policy.json");
 * // throws JsonFileError "policy.json:1:16: trailing comma before '}'"
 * parseJsonFile(Uint8Array.of(0x22, 0x4a, 0x6f, 0x73, 0xe9, 0x22), "policy.json");
 * // throws JsonFileError "policy.json: not UTF-8 at byte 4 (0xE9): save the file as UTF-8"
 * ```
 */
export function parseJsonFile(bytes: Uint8Array, name: string): unknown {
  const text = decode(bytes, name);
  if (text.replace(/^[ \t\n\r]+/, "") === "") throw new JsonFileError(`${name}: the file is empty`);
  try {
    return parseJsonExact(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const fault = firstSyntaxError(text) ?? fromV8(error, text);
    const { line, column } = lineColumn(text, fault.at);
    throw new JsonFileError(`${name}:${line}:${column}: ${fault.problem}`, { cause: error });
  }
}

/**
 * Reads a JSON file and parses it with {@link parseJsonFile}. A missing file, a directory and an
 * unreadable file are a {@link JsonFileError} too; other system errors are thrown as they are.
 *
 * @example
 * ```ts
 * const policy = readJsonFile("examples/policy.json");
 * readJsonFile("polcy.json"); // throws JsonFileError "polcy.json: no such file"
 * ```
 */
export function readJsonFile(path: string): unknown {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const problem = READ_PROBLEMS[(error as NodeJS.ErrnoException).code ?? ""];
    if (problem === undefined) throw error;
    throw new JsonFileError(`${path}: ${problem}`, { cause: error });
  }
  return parseJsonFile(bytes, path);
}

const READ_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  ENOTDIR: "no such file", // a part of the path is a file, not a directory
  EISDIR: "is a directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
};

// ignoreBOM keeps a BOM in the text: the UTF-8 one is dropped before, a second one is an error.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

const hex = (byte: number) => `0x${byte.toString(16).toUpperCase().padStart(2, "0")}`;

/** The file's text, or why it is not UTF-8. */
function decode(bytes: Uint8Array, name: string): string {
  const [b0, b1, b2] = bytes;
  const hasBom = b0 === 0xef && b1 === 0xbb && b2 === 0xbf;
  const other = hasBom ? undefined : otherEncoding(bytes);
  if (other !== undefined) throw new JsonFileError(`${name}: the file is ${other}; save it as UTF-8`);
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return utf8.decode(body);
  } catch {
    const at = firstInvalidUtf8(body) + (hasBom ? 3 : 0);
    throw new JsonFileError(`${name}: not UTF-8 at byte ${at} (${hex(bytes[at] as number)}): save the file as UTF-8`);
  }
}

/** How much of the head is looked at for the NUL bytes of UTF-16 or UTF-32 text. */
const HEAD = 512;

/**
 * The encoding a BOM names, or that NUL bytes in the head betray: JSON text starts with ASCII,
 * which UTF-16 and UTF-32 write with NUL bytes beside it (RFC 4627, section 3). UTF-8 JSON holds
 * no NUL byte at all (JSON.parse refuses one), so a NUL never wrongs a valid file.
 */
function otherEncoding(bytes: Uint8Array): string | undefined {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return "UTF-32 (LE)";
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return "UTF-32 (BE)";
  if (b0 === 0xff && b1 === 0xfe) return "UTF-16 (LE)";
  if (b0 === 0xfe && b1 === 0xff) return "UTF-16 (BE)";
  const head = bytes.subarray(0, HEAD);
  if (head.length < 2 || !head.includes(0)) return undefined;
  if (head.length >= 4 && b0 === 0 && b1 === 0 && b2 === 0 && b3 !== 0) return "UTF-32 (BE)";
  if (head.length >= 4 && b0 !== 0 && b1 === 0 && b2 === 0 && b3 === 0) return "UTF-32 (LE)";
  let even = 0;
  let odd = 0;
  head.forEach((b, i) => {
    if (b === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  });
  // ASCII in UTF-16 LE is `7B 00`: NULs at odd offsets, one in every other byte or so; in BE,
  // `00 7B`, at even ones. A stray NUL is neither, and is refused as a syntax error.
  const many = Math.max(1, head.length / 8);
  if (odd >= many && even <= odd / 8) return "UTF-16 (LE)";
  if (even >= many && odd <= even / 8) return "UTF-16 (BE)";
  return undefined;
}


/** Where a syntax error is (an index into the text) and what it is. */
interface Fault {
  readonly at: number;
  readonly problem: string;
}

const isWhitespace = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r";
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const WORD = /[A-Za-z_$][\w$]*/y;
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const HEX4 = /[0-9A-Fa-f]{4}/y;

/**
 * The first syntax error of `text` (the JSON grammar of RFC 8259, which is what `JSON.parse`
 * reads), or undefined if there is none. A walk with an explicit stack, so deep nesting cannot
 * overflow it.
 */
function firstSyntaxError(text: string): Fault | undefined {
  const stack: ("{" | "[")[] = [];
  let i = 0;
  const skip = () => {
    while (isWhitespace(text[i])) i++;
  };
  const fault = (at: number, problem: string): Fault => ({ at, problem });
  const found = () => describe(text, i);
  /** Reads `"name":` at i; a fault, or undefined with i at the value. */
  const key = (expected: string): Fault | undefined => {
    if (text[i] !== '"') return fault(i, `expected ${expected}, found ${found()}`);
    const end = stringEnd(text, i);
    if (typeof end !== "number") return end;
    i = end;
    skip();
    if (text[i] !== ":") return fault(i, `expected ':' after the property name, found ${found()}`);
    i++;
    skip();
    return undefined;
  };

  skip();
  for (;;) {
    // A value is expected at i (whitespace skipped).
    const c = text[i];
    if (c === "{") {
      i++;
      skip();
      if (text[i] === "}") i++;
      else {
        stack.push("{");
        const bad = key("a property name in double quotes or '}'");
        if (bad) return bad;
        continue;
      }
    } else if (c === "[") {
      i++;
      skip();
      if (text[i] === "]") i++;
      else {
        stack.push("[");
        continue;
      }
    } else if (c === '"') {
      const end = stringEnd(text, i);
      if (typeof end !== "number") return end;
      i = end;
    } else if (c === "-" || isDigit(c)) {
      const end = numberEnd(text, i);
      if (typeof end !== "number") return end;
      i = end;
    } else {
      WORD.lastIndex = i;
      const word = WORD.exec(text)?.[0];
      if (word !== "true" && word !== "false" && word !== "null") return fault(i, `expected a value, found ${found()}`);
      i += word.length;
    }
    // After a value: a separator, the end of containers, or the end of the text.
    for (;;) {
      skip();
      const top = stack[stack.length - 1];
      if (top === undefined) return i < text.length ? fault(i, `expected the end of the file after the JSON value, found ${found()}`) : undefined;
      const close = top === "{" ? "}" : "]";
      if (text[i] === close) {
        stack.pop();
        i++;
        continue;
      }
      if (text[i] !== ",") return fault(i, `expected ',' or '${close}' after ${top === "{" ? "a property value" : "an array element"}, found ${found()}`);
      const comma = i;
      i++;
      skip();
      if (text[i] === close) return fault(comma, `trailing comma before '${close}'`);
      if (top === "{") {
        const bad = key("a property name in double quotes");
        if (bad) return bad;
      }
      break;
    }
  }
}

/** Index just past the string that opens at `start`, or its fault. */
function stringEnd(text: string, start: number): number | Fault {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') return i + 1;
    if (c === "\\") {
      const next = text[i + 1];
      if (next === undefined) break;
      if (next === "u") {
        HEX4.lastIndex = i + 2;
        if (!HEX4.test(text)) return { at: i, problem: "invalid \\u escape in a string: it takes 4 hex digits" };
        i += 5;
      } else if (ESCAPES.has(next)) i++;
      else return { at: i, problem: `invalid escape '\\${next}' in a string` };
    } else if (c === "\n" || c === "\r") {
      return { at: i, problem: "line break inside a string: a closing '\"' is missing (or write \\n)" };
    } else if (c < " ") {
      return { at: i, problem: `control character ${codePoint(c.charCodeAt(0))} inside a string: write it as an escape` };
    }
  }
  return { at: start, problem: "unterminated string: no closing '\"'" };
}

/** Index just past the number that starts at `start`, or its fault. */
function numberEnd(text: string, start: number): number | Fault {
  let i = start;
  if (text[i] === "-") i++;
  if (text[i] === "0") {
    i++;
    if (isDigit(text[i])) {
      let end = i;
      while (isDigit(text[end])) end++;
      return { at: start, problem: `leading zero in the number '${text.slice(start, end)}'` };
    }
  } else if (isDigit(text[i])) {
    while (isDigit(text[i])) i++;
  } else return { at: i, problem: `expected a digit after '-', found ${describe(text, i)}` };
  if (text[i] === ".") {
    i++;
    if (!isDigit(text[i])) return { at: i, problem: `expected a digit after the decimal point, found ${describe(text, i)}` };
    while (isDigit(text[i])) i++;
  }
  if (text[i] === "e" || text[i] === "E") {
    i++;
    if (text[i] === "+" || text[i] === "-") i++;
    if (!isDigit(text[i])) return { at: i, problem: `expected a digit in the exponent, found ${describe(text, i)}` };
    while (isDigit(text[i])) i++;
  }
  return i;
}

/** What is at `i`, for "found …": a word, a character, a comment, or the end of the file. */
function describe(text: string, i: number): string {
  if (i >= text.length) return "the end of the file";
  const c = text[i] as string;
  if (c === "/" && (text[i + 1] === "/" || text[i + 1] === "*")) return "a comment (JSON has none)";
  WORD.lastIndex = i;
  const word = WORD.exec(text)?.[0];
  if (word !== undefined) return `'${word.length > 20 ? `${word.slice(0, 20)}…` : word}'`;
  const code = text.codePointAt(i) as number;
  // Invisible or look-alike characters by their code: a tab, a NUL, a second BOM, a no-break space.
  if (code < 0x20 || (code >= 0x7f && code <= 0xa0) || code === 0xfeff || (code >= 0x2000 && code <= 0x200f) || code === 0x2028 || code === 0x2029) return codePoint(code);
  const char = String.fromCodePoint(code);
  return char === "'" ? `"'"` : `'${char}'`;
}

const codePoint = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * 1-based line and column of index `at`: lines end at LF, CRLF or CR; columns count characters
 * (code points), so "é" or "😀" is one. An error at the end of the file is placed just after its
 * last non-whitespace character, where the missing text belongs, not on a blank last line.
 */
function lineColumn(text: string, at: number): { line: number; column: number } {
  let position = Math.min(at, text.length);
  if (position === text.length) while (position > 0 && isWhitespace(text[position - 1])) position--;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  for (let i = lineStart; i < position; i++) {
    const code = text.codePointAt(i) as number;
    if (code > 0xffff) i++;
    column++;
  }
  return { line, column };
}

/** Should the walk find no error where V8 found one: V8's message, at its position if it gives one. */
function fromV8(error: SyntaxError, text: string): Fault {
  const position = /at position (\d+)/.exec(error.message)?.[1];
  const problem = error.message.replace(/ in JSON at position \d+.*$/, "");
  return { at: position === undefined ? text.length : Number(position), problem };
}
