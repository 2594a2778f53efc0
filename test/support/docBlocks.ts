/**
 * The code blocks of the documentation (README.md and docs/guides/*.md), as the tests read them:
 * every ```ts block is type-checked; one after `<!-- run -->` is also executed; a ```sh block
 * after `<!-- transcript -->` is a command whose output is the ```text block right after it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../..", import.meta.url));

/** One fenced block of a documentation page. */
export interface DocBlock {
  /** The page, relative to the repository: "docs/guides/replay.md". */
  readonly page: string;
  /** Line of the block's first code line. */
  readonly line: number;
  readonly lang: string;
  readonly code: string;
  /** The marker on the line before the fence, if any: "run", "transcript", "file". */
  readonly marker: string | undefined;
  /** The marker's argument: `<!-- file: carteira.csv -->` → "carteira.csv". */
  readonly argument: string | undefined;
}

/** The documentation pages: the README, then every guide. */
export const PAGES: readonly string[] = ["README.md", ...readdirSync(join(root, "docs/guides")).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/guides/${f}`)];

/** Every fenced block of `page`, in order. */
export function blocksOf(page: string): DocBlock[] {
  const text = readFileSync(join(root, page), "utf8");
  const blocks: DocBlock[] = [];
  for (const match of text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)) {
    const before = text.slice(0, match.index).split("\n");
    const previous = before[before.length - 2]?.trim() ?? "";
    const marked = /^<!--\s*(\w+)(?::\s*(\S+))?\s*-->$/.exec(previous);
    blocks.push({ page, line: before.length + 1, lang: match[1] ?? "", code: match[2] ?? "", marker: marked?.[1], argument: marked?.[2] });
  }
  return blocks;
}

/**
 * `{ command, output, files }`: a ```sh block marked transcript, the ```text block after it, and
 * the files the page wrote before it (blocks marked `<!-- file: name -->`).
 */
export function transcriptsOf(page: string): { command: DocBlock; output: DocBlock; files: ReadonlyMap<string, string> }[] {
  const blocks = blocksOf(page);
  const files = new Map<string, string>();
  return blocks.flatMap((b, i) => {
    if (b.marker === "file" && b.argument !== undefined) files.set(b.argument, b.code);
    if (b.marker !== "transcript") return [];
    const output = blocks[i + 1];
    if (b.lang !== "sh" || output?.lang !== "text") throw new Error(`${page}:${b.line}: a transcript is a sh block followed by a text block`);
    return [{ command: b, output, files: new Map(files) }];
  });
}
