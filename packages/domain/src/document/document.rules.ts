import { z } from 'zod';
import { zLine } from '../shared/zod';

/*
 * Documents kept as evidence and answers (due diligence, gateways): what Baton accepts. The list is the
 * office formats programmes exchange; anything else (executables, archives, HTML that would run in a
 * browser) is refused, and a file must be what its name says it is (checked against its content).
 */

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export interface TDocumentType {
  extension: string;
  mediaType: string;
  label: string;
  /** How the content is recognised: by its signature (binary), or as text. */
  detect: 'signature' | 'text';
  /** The type a signature reader reports, when not the media type (old Office files are all "CFB"). */
  signature?: string;
}

const CFB = 'application/x-cfb';

const TYPES: readonly TDocumentType[] = [
  { extension: 'pdf', mediaType: 'application/pdf', label: 'PDF', detect: 'signature' },
  {
    extension: 'docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word document',
    detect: 'signature',
  },
  {
    extension: 'xlsx',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel workbook',
    detect: 'signature',
  },
  {
    extension: 'pptx',
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    label: 'PowerPoint presentation',
    detect: 'signature',
  },
  {
    extension: 'doc',
    mediaType: 'application/msword',
    label: 'Word 97-2003 document',
    detect: 'signature',
    signature: CFB,
  },
  {
    extension: 'xls',
    mediaType: 'application/vnd.ms-excel',
    label: 'Excel 97-2003 workbook',
    detect: 'signature',
    signature: CFB,
  },
  {
    extension: 'ppt',
    mediaType: 'application/vnd.ms-powerpoint',
    label: 'PowerPoint 97-2003 presentation',
    detect: 'signature',
    signature: CFB,
  },
  {
    extension: 'odt',
    mediaType: 'application/vnd.oasis.opendocument.text',
    label: 'OpenDocument text',
    detect: 'signature',
  },
  {
    extension: 'ods',
    mediaType: 'application/vnd.oasis.opendocument.spreadsheet',
    label: 'OpenDocument spreadsheet',
    detect: 'signature',
  },
  { extension: 'png', mediaType: 'image/png', label: 'PNG image', detect: 'signature' },
  { extension: 'jpg', mediaType: 'image/jpeg', label: 'JPEG image', detect: 'signature' },
  { extension: 'jpeg', mediaType: 'image/jpeg', label: 'JPEG image', detect: 'signature' },
  { extension: 'csv', mediaType: 'text/csv', label: 'CSV file', detect: 'text' },
  { extension: 'txt', mediaType: 'text/plain', label: 'Text file', detect: 'text' },
];

export const DOCUMENT_EXTENSIONS = TYPES.map((t) => t.extension);
export const DOCUMENT_ACCEPT = TYPES.map((t) => `.${t.extension}`).join(',');
export const DOCUMENT_TYPES_SENTENCE = 'PDF, Word, Excel, PowerPoint, OpenDocument, CSV, text, PNG or JPEG';

export const extensionOf = (fileName: string) => {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(fileName);
  return m ? m[1]!.toLowerCase() : '';
};

/** The accepted type a file name claims, or undefined. */
export const documentTypeOf = (fileName: string): TDocumentType | undefined =>
  TYPES.find((t) => t.extension === extensionOf(fileName));

/**
 * Does the content match the type the name claims? `sniffed` is the media type a signature reader found
 * (undefined when it recognised none). Text files must be valid UTF-8 without NUL bytes.
 */
export function contentProblem(
  type: TDocumentType,
  sniffed: string | undefined,
  looksLikeText: boolean,
): string | null {
  if (type.detect === 'text')
    return looksLikeText && !sniffed ? null : `The file is named .${type.extension} but is not a text file.`;
  if (sniffed === (type.signature ?? type.mediaType)) return null;
  const article = /^[AEIO]/.test(type.label) ? 'an' : 'a';
  return `The file is named .${type.extension} but its content is not ${article} ${type.label}.`;
}

/** A file name as stored and offered for download: no path, no control characters, bounded. */
export const ZDocumentFileName = zLine({
  min: 1,
  max: 200,
  tooShort: 'Name the file',
  tooLong: 'Keep the file name under 200 characters',
}).refine((s) => !/[\\/]/.test(s), 'A file name cannot contain / or \\');

export const DOCUMENT_PARENTS = ['dd_request', 'clarification', 'gateway_evidence'] as const;
export type TDocumentParent = (typeof DOCUMENT_PARENTS)[number];
export const ZDocumentParent = z.enum(DOCUMENT_PARENTS, {
  error: 'Attach the file to a request or a gateway’s evidence',
});

export const SCAN_STATUSES = ['clean', 'not_scanned'] as const;
export type TScanStatus = (typeof SCAN_STATUSES)[number];
export const SCAN_STATUS_LABELS: Record<TScanStatus, string> = {
  clean: 'Scanned: clean',
  not_scanned: 'Not scanned (no scanner configured)',
};

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
