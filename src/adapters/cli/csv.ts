/**
 * CSV as ERPs export it: RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180) quoting — fields in
 * double quotes may hold separators, quotes ("") and line breaks — with `,` or `;` separators
 * (Brazilian exports use `;` because `,` is the decimal mark). A state machine, not a split.
 */
export interface CsvRow {
  /** 1-based line where the record starts, for error messages. */
  readonly line: number;
  readonly fields: string[];
}

/** Picks `;` or `,` from the header line: whichever appears more often outside quotes. */
export function detectSeparator(text: string): ";" | "," {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const c of text.slice(0, text.search(/\r?\n/) === -1 ? text.length : text.search(/\r?\n/))) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ";") semicolons++;
    else if (!quoted && c === ",") commas++;
  }
  return semicolons >= commas && semicolons > 0 ? ";" : ",";
}

/** Parses CSV text into records, skipping blank lines. A BOM is ignored. */
export function parseCsv(input: string, separator: string = detectSeparator(input)): CsvRow[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  let fieldStarted = false;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === "" && !fieldStarted)) rows.push({ line: start, fields });
    fields = [];
    field = "";
    fieldStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === "") {
      quoted = true;
      fieldStarted = true;
    } else if (c === separator) {
      fields.push(field);
      field = "";
      fieldStarted = true;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      start = line;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (field !== "" || fields.length > 0 || fieldStarted) endRecord();
  return rows;
}

/** Writes records as CSV, quoting only where needed. */
export function writeCsv(rows: readonly (readonly string[])[], separator = ","): string {
  const quote = (f: string) => (f.includes(separator) || f.includes('"') || f.includes("\n") || f.includes("\r") ? `"${f.replace(/"/g, '""')}"` : f);
  return rows.map((r) => r.map(quote).join(separator)).join("\n") + "\n";
}
