import type { TDocumentParent, TScanStatus } from '@baton/domain';
import type { Executor } from '../client';
import { staleOrMissing } from './versioning';

/* Documents and their versions (see migration 0016). Bytes are read only by `readDocumentContent`. */

export interface TDocumentVersionRow {
  id: string;
  versionNumber: number;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storage: 'database' | 's3';
  scanStatus: TScanStatus;
  note: string;
  uploadedBy: { id: string; name: string } | null;
  uploadedAt: Date;
}

export interface TDocumentRow {
  id: string;
  programmeId: string;
  parentType: TDocumentParent;
  parentId: string;
  organisation: { id: string; name: string };
  title: string;
  latestVersion: number;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  versions: TDocumentVersionRow[];
}

function selectDocuments(db: Executor) {
  return db
    .selectFrom('documents as d')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .selectAll('d')
    .select('o.name as organisation_name');
}

async function withVersions(
  db: Executor,
  docs: Awaited<ReturnType<ReturnType<typeof selectDocuments>['execute']>>,
): Promise<TDocumentRow[]> {
  if (docs.length === 0) return [];
  const versions = await db
    .selectFrom('document_versions as v')
    .leftJoin('users as u', 'u.id', 'v.uploaded_by')
    .select([
      'v.id',
      'v.document_id',
      'v.version_number',
      'v.file_name',
      'v.media_type',
      'v.size_bytes',
      'v.sha256',
      'v.storage',
      'v.scan_status',
      'v.note',
      'v.uploaded_by',
      'v.uploaded_at',
      'u.name as uploaded_by_name',
    ])
    .where(
      'v.document_id',
      'in',
      docs.map((d) => d.id),
    )
    .orderBy('v.version_number', 'desc')
    .execute();
  return docs.map((d) => ({
    id: d.id,
    programmeId: d.programme_id,
    parentType: d.parent_type as TDocumentParent,
    parentId: d.parent_id,
    organisation: { id: d.organisation_id, name: d.organisation_name },
    title: d.title,
    latestVersion: d.latest_version,
    createdAt: d.created_at,
    updatedAt: d.updated_at,
    version: d.version,
    versions: versions
      .filter((v) => v.document_id === d.id)
      .map((v) => ({
        id: v.id,
        versionNumber: v.version_number,
        fileName: v.file_name,
        mediaType: v.media_type,
        sizeBytes: v.size_bytes,
        sha256: v.sha256,
        storage: v.storage as 'database' | 's3',
        scanStatus: v.scan_status as TScanStatus,
        note: v.note,
        uploadedBy: v.uploaded_by ? { id: v.uploaded_by, name: v.uploaded_by_name ?? 'Unknown' } : null,
        uploadedAt: v.uploaded_at,
      })),
  }));
}

export async function listDocuments(
  db: Executor,
  programmeId: string,
  parentType: TDocumentParent,
  parentId: string,
): Promise<TDocumentRow[]> {
  const docs = await selectDocuments(db)
    .where('d.programme_id', '=', programmeId)
    .where('d.parent_type', '=', parentType)
    .where('d.parent_id', '=', parentId)
    .orderBy('d.created_at')
    .execute();
  return withVersions(db, docs);
}

export async function findDocument(
  db: Executor,
  programmeId: string,
  documentId: string,
): Promise<TDocumentRow | undefined> {
  const docs = await selectDocuments(db)
    .where('d.programme_id', '=', programmeId)
    .where('d.id', '=', documentId)
    .execute();
  return (await withVersions(db, docs))[0];
}

export interface TDocumentVersionWrite {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storage: 'database' | 's3';
  content: Uint8Array | null;
  storageKey: string | null;
  scanStatus: TScanStatus;
  note: string;
  uploadedBy: string;
}

const versionColumns = (documentId: string, n: number, w: TDocumentVersionWrite) => ({
  document_id: documentId,
  version_number: n,
  file_name: w.fileName,
  media_type: w.mediaType,
  size_bytes: w.sizeBytes,
  sha256: w.sha256,
  storage: w.storage,
  content: w.content ? Buffer.from(w.content) : null,
  storage_key: w.storageKey,
  scan_status: w.scanStatus,
  note: w.note,
  uploaded_by: w.uploadedBy,
});

export async function insertDocument(
  db: Executor,
  d: { programmeId: string; parentType: TDocumentParent; parentId: string; organisationId: string },
  w: TDocumentVersionWrite,
): Promise<TDocumentRow> {
  const { id } = await db
    .insertInto('documents')
    .values({
      programme_id: d.programmeId,
      parent_type: d.parentType,
      parent_id: d.parentId,
      organisation_id: d.organisationId,
      title: w.fileName,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('document_versions')
    .values(versionColumns(id, 1, w))
    .execute();
  return (await findDocument(db, d.programmeId, id))!;
}

/** A new version of a document; `version` is the document row's version the uploader saw. */
export async function addDocumentVersion(
  db: Executor,
  before: TDocumentRow,
  w: TDocumentVersionWrite,
  version: number,
): Promise<TDocumentRow | undefined> {
  const r = await db
    .updateTable('documents')
    .set((eb) => ({
      latest_version: eb('latest_version', '+', 1),
      title: w.fileName,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', before.id)
    .where('version', '=', version)
    .returning('latest_version')
    .executeTakeFirst();
  if (!r) return undefined;
  await db
    .insertInto('document_versions')
    .values(versionColumns(before.id, r.latest_version, w))
    .execute();
  return findDocument(db, before.programmeId, before.id);
}

/** The stored bytes (or S3 key) of one version of a document. */
export async function readDocumentContent(db: Executor, documentId: string, versionNumber: number) {
  const r = await db
    .selectFrom('document_versions')
    .select(['content', 'storage', 'storage_key', 'file_name', 'media_type', 'size_bytes'])
    .where('document_id', '=', documentId)
    .where('version_number', '=', versionNumber)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    content: r.content ? Buffer.from(r.content) : null,
    storage: r.storage as 'database' | 's3',
    storageKey: r.storage_key,
    fileName: r.file_name,
    mediaType: r.media_type,
    sizeBytes: r.size_bytes,
  };
}

/** A new version lost a race with another upload: answer with the document as it now is. */
export function staleDocument(current: TDocumentRow): never {
  return staleOrMissing('document', current);
}
