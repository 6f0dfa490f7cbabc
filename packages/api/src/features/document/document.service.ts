import { NotFoundError, type TDocumentParent } from '@baton/domain';
import {
  addDocumentVersion,
  findDocument,
  insertDocument,
  listDocuments,
  readDocumentContent,
  staleDocument,
} from '@baton/db';
import type { TMemberContext } from '../../context';
import { mutation } from '../../mutation';
import type { TReportFile } from '../../reports/report.meta';
import { checkUpload } from './document.check';
import { readContent, storeContent } from './document.store';
import { assertMayAttach, parentFor, presentDocument, visibleDocument } from './document.access';

/* Documents attached to due diligence requests: upload, new versions, list and download (audited). */

export async function listDocumentsOf(
  ctx: TMemberContext,
  input: { parentType: TDocumentParent; parentId: string },
) {
  const { db, member } = ctx;
  await parentFor(db, member, input.parentType, input.parentId);
  const docs = await listDocuments(db, member.programmeId, input.parentType, input.parentId);
  return docs.map((d) => presentDocument(member, d));
}

export async function uploadDocument(
  ctx: TMemberContext,
  input: {
    parentType: TDocumentParent;
    parentId: string;
    fileName: string;
    contentBase64: string;
    note: string;
    /** A new version of this document (with the version of it the uploader saw). */
    replaces?: { documentId: string; version: number } | undefined;
  },
) {
  const { member } = ctx;
  // Who may attach is settled before the file is looked at: nobody else can make Baton scan files.
  assertMayAttach(await parentFor(ctx.db, member, input.parentType, input.parentId));
  const bytes = Buffer.from(input.contentBase64, 'base64');
  // Checked (type, content, size, virus scan) before the transaction: a slow scanner holds no locks.
  const checked = await checkUpload(input.fileName, bytes);
  const stored = await storeContent(
    {
      programmeId: member.programmeId,
      sha256: checked.sha256,
      mediaType: checked.mediaType,
      fileName: input.fileName,
    },
    bytes,
  );
  return mutation(ctx, async (w) => {
    const parent = await parentFor(w.trx, member, input.parentType, input.parentId);
    assertMayAttach(parent);
    const write = {
      fileName: input.fileName,
      ...checked,
      ...stored,
      note: input.note,
      uploadedBy: ctx.user.id,
    };
    let doc;
    if (input.replaces) {
      const { document: before } = await visibleDocument(w.trx, member, input.replaces.documentId);
      if (before.parentType !== input.parentType || before.parentId !== input.parentId)
        throw new NotFoundError('That document does not belong to this request.');
      w.expectVersion(before, input.replaces.version, 'document');
      doc = (await addDocumentVersion(w.trx, before, write, input.replaces.version)) ?? staleDocument(before);
    } else {
      doc = await insertDocument(
        w.trx,
        {
          programmeId: member.programmeId,
          parentType: input.parentType,
          parentId: input.parentId,
          organisationId: member.organisationId,
        },
        write,
      );
    }
    const v = doc.versions[0]!;
    await w.audit({
      entityType: 'document',
      entityId: doc.id,
      action: input.replaces ? 'update' : 'create',
      organisationId: member.organisationId,
      audience: { kind: 'full' },
      summary: `${parent.label}: ${input.replaces ? `version ${v.versionNumber} of` : 'added'} “${v.fileName}” (${v.scanStatus === 'clean' ? 'scanned clean' : 'not scanned'})`,
      after: {
        ...doc,
        versions: doc.versions.map(({ sha256, versionNumber, fileName }) => ({
          sha256,
          versionNumber,
          fileName,
        })),
      },
    });
    return presentDocument(member, doc);
  });
}

/** One version of a document as a file; the download is in the audit trail before the first byte is sent. */
export async function documentFile(
  ctx: TMemberContext,
  documentId: string,
  versionNumber: number | undefined,
): Promise<TReportFile> {
  const { db, member } = ctx;
  const { document, parent } = await visibleDocument(db, member, documentId);
  const n = versionNumber ?? document.latestVersion;
  const stored = await readDocumentContent(db, document.id, n);
  const body = stored && (await readContent(stored));
  if (!stored || !body) throw new NotFoundError('That version of the document does not exist.');
  await mutation(ctx, ({ audit }) =>
    audit({
      entityType: 'document',
      entityId: document.id,
      action: 'export',
      organisationId: document.organisation.id,
      audience: { kind: 'full' },
      summary: `${parent.label}: downloaded “${stored.fileName}” (version ${n})`,
    }),
  );
  return { fileName: stored.fileName, contentType: stored.mediaType, body };
}

export const documentById = (ctx: TMemberContext, id: string) =>
  findDocument(ctx.db, ctx.member.programmeId, id);
