/*
 * CSV as RFC 4180 writes it (comma separated, CRLF line ends, fields with commas, quotes or line breaks
 * quoted, quotes doubled) and as spreadsheets actually produce it (LF or CRLF, a BOM, sometimes ';' or tab).
 */

export const CSV_BOM = '\uFEFF';

/** Text a spreadsheet would run as a formula when it opens the CSV (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field. Text that a spreadsheet would treat as a formula is prefixed with an apostrophe (the OWASP
 * advice); the importer strips it again, so the value round-trips.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  return CSV_BOM + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Undo `csvField`'s formula guard. */
export function unguardCell(s: string): string {
  return /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}

function detectDelimiter(text: string): string {
  let firstLine = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    firstLine += ch;
  }
  const count = (d: string) => firstLine.split(d).length - 1;
  const candidates = [',', ';', '\t'].map((d) => [d, count(d)] as const);
  const best = candidates.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

/** Parses CSV text into records of fields; a quoted field may hold delimiters, quotes and line breaks. */
export function parseCsv(input: string): string[][] {
  const text = input.startsWith(CSV_BOM) ? input.slice(1) : input;
  const d = detectDelimiter(text);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === d) endField();
    else if (ch === '\r') {
      endRecord();
      if (text[i + 1] === '\n') i++;
    } else if (ch === '\n') endRecord();
    else field += ch;
    i++;
  }
  if (field !== '' || record.length > 0) endRecord();
  return records.map((r) => r.map(unguardCell));
}
