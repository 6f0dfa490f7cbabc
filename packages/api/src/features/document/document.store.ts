import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';

/*
 * Where a document's bytes live. The embedded default keeps them in the database with the rest of the
 * programme (one backup holds everything); with BATON_S3_BUCKET set they go to an S3-compatible store (AWS S3,
 * MinIO, Ceph, an NHS hosting team's object store) and the database keeps the key and the SHA-256. Read at
 * call time, like the scan command, so tests and operators can change it without a rebuild.
 *
 * Objects are written before the database row (a failed transaction leaves an unreferenced object, never a row
 * pointing at nothing) under a key that names the programme and the content's hash.
 */

export interface TS3Settings {
  bucket: string;
  endpoint?: string | undefined;
  region: string;
  forcePathStyle: boolean;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
}

export function s3Settings(env: NodeJS.ProcessEnv = process.env): TS3Settings | undefined {
  const bucket = env.BATON_S3_BUCKET?.trim();
  if (!bucket) return undefined;
  return {
    bucket,
    endpoint: env.BATON_S3_ENDPOINT?.trim() || undefined,
    region: env.BATON_S3_REGION?.trim() || 'eu-west-2',
    // Most S3-compatible stores (MinIO and the like) address buckets by path.
    forcePathStyle: env.BATON_S3_FORCE_PATH_STYLE !== '0',
    accessKeyId: env.BATON_S3_ACCESS_KEY_ID?.trim() || undefined,
    secretAccessKey: env.BATON_S3_SECRET_ACCESS_KEY?.trim() || undefined,
  };
}

const clients = new Map<string, S3Client>();

function clientFor(s: TS3Settings): S3Client {
  const key = JSON.stringify(s);
  let c = clients.get(key);
  if (!c) {
    c = new S3Client({
      region: s.region,
      forcePathStyle: s.forcePathStyle,
      ...(s.endpoint ? { endpoint: s.endpoint } : {}),
      // Without explicit keys the SDK's own chain applies (environment, instance role, web identity).
      ...(s.accessKeyId && s.secretAccessKey
        ? { credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } }
        : {}),
    });
    clients.set(key, c);
  }
  return c;
}

export type TStored =
  | { storage: 'database'; content: Uint8Array; storageKey: null }
  | { storage: 's3'; content: null; storageKey: string };

/** Keep the bytes where this deployment keeps documents; the answer is what the database row records. */
export async function storeContent(
  p: { programmeId: string; sha256: string; mediaType: string; fileName: string },
  bytes: Uint8Array,
): Promise<TStored> {
  const s3 = s3Settings();
  if (!s3) return { storage: 'database', content: bytes, storageKey: null };
  const storageKey = `programmes/${p.programmeId}/documents/${p.sha256}`;
  await clientFor(s3).send(
    new PutObjectCommand({
      Bucket: s3.bucket,
      Key: storageKey,
      Body: bytes,
      ContentType: p.mediaType,
      ContentLength: bytes.length,
    }),
  );
  return { storage: 's3', content: null, storageKey };
}

/** The bytes of a stored version, wherever they were kept when it was uploaded. */
export async function readContent(stored: {
  storage: 'database' | 's3';
  content: Buffer | null;
  storageKey: string | null;
}): Promise<Buffer | undefined> {
  if (stored.storage === 'database') return stored.content ?? undefined;
  const s3 = s3Settings();
  if (!s3 || !stored.storageKey)
    throw new Error('This document is kept in the S3 store, but BATON_S3_BUCKET is not set.');
  const r = await clientFor(s3).send(new GetObjectCommand({ Bucket: s3.bucket, Key: stored.storageKey }));
  return r.Body ? Buffer.from(await r.Body.transformToByteArray()) : undefined;
}

/**
 * A deleted programme's files leave the store too (its rows are gone with the programme). Called after the
 * deletion commits, so a failed deletion never loses files; returns how many objects were removed.
 */
export async function deleteProgrammeContent(programmeId: string): Promise<number> {
  const s3 = s3Settings();
  if (!s3) return 0;
  const client = clientFor(s3);
  const prefix = `programmes/${programmeId}/`;
  let removed = 0;
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix, ContinuationToken: token }),
    );
    const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
    if (keys.length)
      await client.send(
        new DeleteObjectsCommand({ Bucket: s3.bucket, Delete: { Objects: keys, Quiet: true } }),
      );
    removed += keys.length;
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return removed;
}
