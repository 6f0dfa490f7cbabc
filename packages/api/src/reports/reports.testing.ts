import type ExcelJS from 'exceljs';

/* Helpers for the report suites (not a test file itself): read a PDF's text back with a real PDF parser. */

export interface TPdfText {
  pages: number;
  /** The text of each page, runs joined by spaces and whitespace collapsed. */
  pageText: string[];
  /** All pages together. */
  text: string;
  title: string | undefined;
}

export async function readPdf(body: Buffer): Promise<TPdfText> {
  // pdf.js's build for Node (no DOM, no canvas needed for text).
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(body),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  const pageText: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    pageText.push(
      content.items
        .map((it) => ('str' in it ? it.str : ''))
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  }
  const meta = await doc.getMetadata();
  const info = meta.info as { Title?: string };
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, pageText, text: pageText.join(' '), title: info.Title };
}

/** Collapses whitespace, so a sentence wrapped across lines still matches. */
export const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A table sheet as objects keyed by its header row. */
export function sheetObjects(ws: ExcelJS.Worksheet): Array<Record<string, unknown>> {
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Array<Record<string, unknown>> = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    out.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
  });
  return out;
}

/** A spreadsheet date cell back to the ISO date it was written from. */
export const isoOf = (v: unknown): string | null => (v instanceof Date ? v.toISOString().slice(0, 10) : null);
