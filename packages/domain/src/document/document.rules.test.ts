import { describe, expect, it } from 'vitest';
import { contentProblem, documentTypeOf, formatBytes, ZDocumentFileName } from './document.rules';

describe('documents Baton accepts', () => {
  it.each([
    ['ELI summary.XLSX', 'xlsx'],
    ['lease.pdf', 'pdf'],
    ['caseload.csv', 'csv'],
    ['photo.jpeg', 'jpeg'],
    ['old budget.xls', 'xls'],
    ['minutes.odt', 'odt'],
    ['setup.exe', undefined],
    ['page.html', undefined],
    ['archive.zip', undefined],
    ['no-extension', undefined],
  ])('%s is %s', (name, ext) => {
    expect(documentTypeOf(name)?.extension).toBe(ext);
  });

  it('checks the content against the name', () => {
    const pdf = documentTypeOf('a.pdf')!;
    expect(contentProblem(pdf, 'application/pdf', false)).toBeNull();
    expect(contentProblem(pdf, 'application/zip', false)).toMatch(/not a PDF/);
    expect(contentProblem(pdf, undefined, true)).toMatch(/not a PDF/);
    expect(contentProblem(documentTypeOf('a.xls')!, 'application/x-cfb', false)).toBeNull();
    expect(contentProblem(documentTypeOf('a.xls')!, 'application/pdf', false)).toMatch(
      /not an Excel 97-2003/,
    );
    const csv = documentTypeOf('a.csv')!;
    expect(contentProblem(csv, undefined, true)).toBeNull();
    expect(contentProblem(csv, 'application/x-msdownload', false)).toMatch(/not a text file/);
    expect(contentProblem(csv, undefined, false)).toMatch(/not a text file/);
  });

  it('refuses paths in a file name', () => {
    expect(ZDocumentFileName.safeParse('../etc/passwd').success).toBe(false);
    expect(ZDocumentFileName.safeParse('C:\\x.pdf').success).toBe(false);
    expect(ZDocumentFileName.safeParse('Staff list v2.xlsx').success).toBe(true);
  });

  it('says sizes as people read them', () => {
    expect(formatBytes(900)).toBe('900 bytes');
    expect(formatBytes(2048)).toBe('2.0 kB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});
