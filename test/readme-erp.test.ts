import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../src/adapters/cli/index.js";

// The README's "From your ERP export" section, run as written: its CSV, its command, its output.
const readme = readFileSync(fileURLToPath(new URL("../README.md", import.meta.url)), "utf8");
const section = readme.slice(readme.indexOf("### From your ERP export"), readme.indexOf("### Run as a service"));
const block = (lang: string) => {
  const match = new RegExp("```" + lang + "\\n([\\s\\S]*?)```").exec(section);
  if (!match) throw new Error(`no ${lang} block in the README's ERP section`);
  return match[1] as string;
};

describe("README: From your ERP export", () => {
  it("the shown command on the shown file prints the shown lines (stderr first, then the table)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "credit-block-readme-"));
    writeFileSync(join(dir, "carteira.csv"), block("csv"));
    const command = block("sh").trim().split(/\s+/);
    expect(command.slice(0, 2)).toEqual(["npx", "credit-block"]);
    const args = command.slice(2).map((a) => (a === "carteira.csv" ? join(dir, a) : a));
    let out = "";
    let err = "";
    const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), stdin: () => "", isTTY: false, now: () => new Date("2026-11-23T12:00:00Z") });
    expect(code).toBe(0);
    const shown = (err.replaceAll(join(dir, "carteira.csv"), "carteira.csv") + out).split("\n").map((l) => l.trimEnd()).join("\n");
    expect(shown).toBe(block("text"));
  });
});
