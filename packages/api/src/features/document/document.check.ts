import { createHash } from 'node:crypto';
import {
  contentProblem,
  documentTypeOf,
  DOCUMENT_TYPES_SENTENCE,
  MAX_DOCUMENT_BYTES,
  RuleViolationError,
  formatBytes,
} from '@baton/domain';
import { fileTypeFromBuffer } from 'file-type';
import { scanFile } from './document.scan';

/** Valid UTF-8 without NUL bytes: what a CSV or text file must be. */
function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Everything an uploaded file must pass before it is stored: an accepted type, content that is what the name
 * says (checked by its signature, not its name), the size limit, and the virus scan.
 */
export async function checkUpload(fileName: string, bytes: Uint8Array) {
  const refuse = (message: string) => {
    throw new RuleViolationError(message, { file: [message] });
  };
  if (bytes.length === 0) refuse('The file is empty.');
  if (bytes.length > MAX_DOCUMENT_BYTES)
    refuse(`The file is ${formatBytes(bytes.length)}; the limit is ${formatBytes(MAX_DOCUMENT_BYTES)}.`);
  const type = documentTypeOf(fileName);
  if (!type) return refuse(`Baton keeps ${DOCUMENT_TYPES_SENTENCE} files; “${fileName}” is not one of them.`);
  const sniffed = await fileTypeFromBuffer(bytes);
  const problem = contentProblem(type, sniffed?.mime, !sniffed && looksLikeText(bytes));
  if (problem) refuse(problem);
  const scan = await scanFile(bytes);
  if (scan.status === 'infected')
    refuse('The virus scanner found a threat in this file, so it was not kept.');
  if (scan.status === 'failed')
    refuse(
      `The file could not be scanned for viruses (${scan.detail}), so it was not kept. Try again later.`,
    );
  return {
    mediaType: type.mediaType,
    sizeBytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    scanStatus: scan.status as 'clean' | 'not_scanned',
  };
}
