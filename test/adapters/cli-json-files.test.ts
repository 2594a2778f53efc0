import { describe, expect, it } from "vitest";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreditBlockError } from "credit-block";
import { JsonFileError, parseJsonFile, readJsonFile } from "../../src/adapters/cli/jsonFile.js";

const dir = mkdtempSync(join(tmpdir(), "credit-block-json-files-"));
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const BOM = Uint8Array.of(0xef, 0xbb, 0xbf);
const utf8 = (text: string) => Buffer.from(text, "utf8");
const utf16le = (text: string) => Buffer.from(text, "utf16le");
const utf16be = (text: string) => Buffer.from(text, "utf16le").swap16();

/** The message of the JsonFileError that `read` throws (and that it is one). */
function failure(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(JsonFileError);
    return (error as Error).message;
  }
  throw new Error("expected a JsonFileError");
}

const policy = '{"graceDays": 5, "name": "José", "limit": "1500.00"}';

describe("CLI JSON files: encodings", () => {
  it("accepts a UTF-8 BOM: the value is the one the file without it gives", () => {
    const plain = readJsonFile(file("plain.json", utf8(policy)));
    const withBom = readJsonFile(file("bom.json", Buffer.concat([BOM, utf8(policy)])));
    expect(plain).toEqual({ graceDays: 5, name: "José", limit: "1500.00" });
    expect(withBom).toEqual(plain);
  });

  it("refuses UTF-16 with a BOM, LE and BE, saying to save it as UTF-8", () => {
    const le = file("le.json", Buffer.concat([Uint8Array.of(0xff, 0xfe), utf16le(policy)]));
    const be = file("be.json", Buffer.concat([Uint8Array.of(0xfe, 0xff), utf16be(policy)]));
    expect(failure(() => readJsonFile(le))).toBe(`${le}: the file is UTF-16 (LE); save it as UTF-8`);
    expect(failure(() => readJsonFile(be))).toBe(`${be}: the file is UTF-16 (BE); save it as UTF-8`);
  });

  it("refuses UTF-16 without a BOM, recognised by its NUL bytes", () => {
    expect(failure(() => parseJsonFile(utf16le(policy), "policy.json"))).toBe("policy.json: the file is UTF-16 (LE); save it as UTF-8");
    expect(failure(() => parseJsonFile(utf16be(policy), "policy.json"))).toBe("policy.json: the file is UTF-16 (BE); save it as UTF-8");
    expect(failure(() => parseJsonFile(utf16le("5"), "n.json"))).toBe("n.json: the file is UTF-16 (LE); save it as UTF-8");
  });

  it("refuses UTF-32, with a BOM or without", () => {
    const le32 = Buffer.concat([Uint8Array.of(0xff, 0xfe, 0, 0), Uint8Array.of(0x7b, 0, 0, 0, 0x7d, 0, 0, 0)]);
    expect(failure(() => parseJsonFile(le32, "policy.json"))).toBe("policy.json: the file is UTF-32 (LE); save it as UTF-8");
    expect(failure(() => parseJsonFile(le32.subarray(4), "policy.json"))).toBe("policy.json: the file is UTF-32 (LE); save it as UTF-8");
    const be32 = Uint8Array.of(0, 0, 0xfe, 0xff, 0, 0, 0, 0x7b, 0, 0, 0, 0x7d);
    expect(failure(() => parseJsonFile(be32, "policy.json"))).toBe("policy.json: the file is UTF-32 (BE); save it as UTF-8");
    expect(failure(() => parseJsonFile(be32.subarray(4), "policy.json"))).toBe("policy.json: the file is UTF-32 (BE); save it as UTF-8");
  });

  it("refuses Latin-1 bytes, naming the 0-based file offset of the first bad byte and its value", () => {
    // {"name": "Jos + é: the é (0xE9 in Latin-1) is byte 13.
    const latin1 = file("latin1.json", Buffer.from('{"name": "José"}', "latin1"));
    expect(failure(() => readJsonFile(latin1))).toBe(`${latin1}: not UTF-8 at byte 13 (0xE9): save the file as UTF-8`);
    // The offset counts the file's bytes: a BOM's three, and the two of each UTF-8 "ç" and "ã" before.
    const mixed = Buffer.concat([BOM, utf8('{"city": "São Gonçalo", "name": "Jos'), Uint8Array.of(0xe9), utf8('"}')]);
    expect(failure(() => parseJsonFile(mixed, "policy.json"))).toBe("policy.json: not UTF-8 at byte 41 (0xE9): save the file as UTF-8");
    // Overlong forms and surrogates are not UTF-8 either.
    expect(failure(() => parseJsonFile(Uint8Array.of(0x22, 0xc0, 0xaf, 0x22), "a.json"))).toBe("a.json: not UTF-8 at byte 1 (0xC0): save the file as UTF-8");
    expect(failure(() => parseJsonFile(Uint8Array.of(0x22, 0x61, 0xed, 0xa0, 0x80, 0x22), "a.json"))).toBe("a.json: not UTF-8 at byte 2 (0xED): save the file as UTF-8");
  });

  it("calls an empty file empty: no bytes, only a BOM, or only whitespace", () => {
    const empty = file("empty.json", "");
    expect(failure(() => readJsonFile(empty))).toBe(`${empty}: the file is empty`);
    expect(failure(() => parseJsonFile(BOM, "policy.json"))).toBe("policy.json: the file is empty");
    expect(failure(() => parseJsonFile(utf8(" \r\n\t\n"), "policy.json"))).toBe("policy.json: the file is empty");
  });
});

describe("CLI JSON files: syntax errors name the file, line and column", () => {
  it("on line 1", () => {
    const path = file("line1.json", '{"graceDays": 5 "name": "x"}');
    expect(failure(() => readJsonFile(path))).toBe(`${path}:1:17: expected ',' or '}' after a property value, found '"'`);
  });

  it("on line 3, counting characters, not bytes, after an é (LF or CRLF line ends)", () => {
    const lines = ["{", '  "graceDays": 5,', '  "name": "José" "limit": "1500.00"', "}"];
    expect(failure(() => parseJsonFile(utf8(lines.join("\n")), "policy.json"))).toBe("policy.json:3:18: expected ',' or '}' after a property value, found '\"'");
    expect(failure(() => parseJsonFile(utf8(lines.join("\r\n")), "policy.json"))).toBe("policy.json:3:18: expected ',' or '}' after a property value, found '\"'");
    // An emoji is two UTF-16 code units and four bytes, but one character.
    expect(failure(() => parseJsonFile(utf8('{\n  "name": "😀", x\n}'), "policy.json"))).toBe("policy.json:2:16: expected a property name in double quotes, found 'x'");
  });

  it("a trailing comma is pointed at where it is", () => {
    const path = file("trailing.json", '{\n  "graceDays": 5,\n}\n');
    expect(failure(() => readJsonFile(path))).toBe(`${path}:2:17: trailing comma before '}'`);
    expect(failure(() => parseJsonFile(utf8('{"tiers": [1, 2,]}'), "policy.json"))).toBe("policy.json:1:16: trailing comma before ']'");
  });

  it.each([
    ['{"graceDays": 5', "1:16: expected ',' or '}' after a property value, found the end of the file"],
    ['{"graceDays": 5\n\n\n', "1:16: expected ',' or '}' after a property value, found the end of the file"],
    ['{"graceDays": "5}', "1:15: unterminated string: no closing '\"'"],
    ['{"name": "José\n}', "1:15: line break inside a string: a closing '\"' is missing (or write \\n)"],
    ["{'graceDays': 5}", "1:2: expected a property name in double quotes or '}', found \"'\""],
    ["{graceDays: 5}", "1:2: expected a property name in double quotes or '}', found 'graceDays'"],
    ['{"graceDays" 5}', "1:14: expected ':' after the property name, found '5'"],
    ['{"graceDays": 5} // five', "1:18: expected the end of the file after the JSON value, found a comment (JSON has none)"],
    ['{"graceDays": NaN}', "1:15: expected a value, found 'NaN'"],
    ['{"graceDays": 05}', "1:15: leading zero in the number '05'"],
    ['{"graceDays": 5.}', "1:17: expected a digit after the decimal point, found '}'"],
    ['{"graceDays": -}', "1:16: expected a digit after '-', found '}'"],
    ['{"name": "a\\qb"}', "1:12: invalid escape '\\q' in a string"],
    ['{"name": "\\u00e"}', "1:11: invalid \\u escape in a string: it takes 4 hex digits"],
    ['{"name": "a\tb"}', "1:12: control character U+0009 inside a string: write it as an escape"],
    ['[1, 2]]', "1:7: expected the end of the file after the JSON value, found ']'"],
    ["\uFEFF\uFEFF{}", "1:1: expected a value, found U+FEFF"],
  ])("%j → policy.json:%s", (text, where) => {
    expect(failure(() => parseJsonFile(utf8(text), "policy.json"))).toBe(`policy.json:${where}`);
  });

  it("keeps the SyntaxError as the cause", () => {
    try {
      parseJsonFile(utf8("[1,]"), "policy.json");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(JsonFileError);
      expect((error as JsonFileError).name).toBe("JsonFileError");
      expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    }
  });
});

describe("CLI JSON files: reading", () => {
  it("a directory", () => {
    const sub = join(dir, "policies");
    mkdirSync(sub);
    expect(failure(() => readJsonFile(sub))).toBe(`${sub}: is a directory`);
  });

  it("a missing file, or a path through a file", () => {
    const missing = join(dir, "polcy.json");
    expect(failure(() => readJsonFile(missing))).toBe(`${missing}: no such file`);
    const through = join(file("plain-file.json", "{}"), "policy.json");
    expect(failure(() => readJsonFile(through))).toBe(`${through}: no such file`);
  });

  it.skipIf(process.getuid?.() === 0 || process.platform === "win32")("an unreadable file", () => {
    const locked = file("locked.json", "{}");
    chmodSync(locked, 0o000);
    expect(failure(() => readJsonFile(locked))).toBe(`${locked}: permission denied`);
  });

  it("keeps parseJsonExact's numbers: exact decimals read, a literal a double cannot hold refused at its path", () => {
    expect(readJsonFile(file("exact.json", '{"amount": 250.10, "rate": 0.1, "n": 12345678901234}'))).toEqual({ amount: 250.1, rate: 0.1, n: 12345678901234 });
    const lossy = file("lossy.json", '{"a": 0.1000000000000000055}');
    try {
      readJsonFile(lossy);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CreditBlockError);
      expect((error as CreditBlockError).issues).toEqual([
        {
          path: "a",
          code: "json.lossy_number",
          params: { literal: "0.1000000000000000055", read: "0.1" },
          message: 'the number 0.1000000000000000055 cannot be read exactly (a double holds 0.1); send money and other exact values as a decimal string, e.g. "250.00"',
        },
      ]);
    }
  });
});
