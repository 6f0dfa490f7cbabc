import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import S3rver from 's3rver';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { membershipFor } from '../../access/membership';
import { buildFixture, TODAY, type Fixture } from '../../testing/fixture';
import { documentFile } from './document.service';
import { deleteProgrammeContent, storeContent } from './document.store';

/*
 * Documents in an S3-compatible store (BATON_S3_BUCKET): a real S3 server speaking the S3 protocol over HTTP
 * (s3rver) started in the test. The database keeps the key and the hash, never the bytes; the download reads
 * them back from the store; a version uploaded before the store was configured still downloads from the
 * database.
 */

let h: DbHandle;
let fx: Fixture;
let server: S3rver;
let endpoint: string;
const saved = { ...process.env };

beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
  server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: mkdtempSync(join(tmpdir(), 'baton-s3-')),
    configureBuckets: [{ name: 'baton-documents', configs: [] }],
  });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  process.env = saved;
  await server?.close();
  await h.close();
});

const P = () => ({ programmeId: fx.programme.id });
const useS3 = () =>
  Object.assign(process.env, {
    BATON_S3_BUCKET: 'baton-documents',
    BATON_S3_ENDPOINT: endpoint,
    BATON_S3_ACCESS_KEY_ID: 'S3RVER',
    BATON_S3_SECRET_ACCESS_KEY: 'S3RVER',
  });

describe(`documents in an S3-compatible store on ${testEngine()}`, () => {
  it('keep the bytes in the store and the key and hash in the database', async () => {
    const lead = await fx.as('lead');
    const outgoing = await fx.as('contributor');
    const r = await lead.dueDiligence.create({
      ...P(),
      title: 'Subcontract register',
      category: 'subcontracts',
      respondingOrganisationId: fx.orgs.outgoing.id,
      dueOn: '2026-12-20',
    });
    const upload = (name: string, text: string) =>
      outgoing.document.upload({
        ...P(),
        parentType: 'dd_request',
        parentId: r.id,
        fileName: name,
        contentBase64: Buffer.from(text).toString('base64'),
      });
    const before = await upload('before.csv', 'kept,in\nthe,database\n');
    useS3();
    const after = await upload('subcontracts.csv', 'partner,value\nRiverbank,120000\n');

    const rows = await sql<{
      file_name: string;
      storage: string;
      has_content: boolean;
      storage_key: string | null;
    }>`
      select file_name, storage, content is not null as has_content, storage_key from document_versions
      where document_id in (${before.id}, ${after.id}) order by file_name`.execute(h.db);
    expect(rows.rows).toEqual([
      { file_name: 'before.csv', storage: 'database', has_content: true, storage_key: null },
      {
        file_name: 'subcontracts.csv',
        storage: 's3',
        has_content: false,
        storage_key: `programmes/${fx.programme.id}/documents/${after.versions[0]!.sha256}`,
      },
    ]);
    const object = await new S3Client({
      endpoint,
      region: 'eu-west-2',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    }).send(new GetObjectCommand({ Bucket: 'baton-documents', Key: rows.rows[1]!.storage_key! }));
    expect(Buffer.from(await object.Body!.transformToByteArray()).toString()).toBe(
      'partner,value\nRiverbank,120000\n',
    );

    const ctx = {
      db: h.db,
      user: { id: fx.users.lead.id } as never,
      member: await membershipFor(h.db, fx.users.lead.id, fx.programme.id, 'programme.read'),
      today: () => TODAY,
    };
    expect((await documentFile(ctx, after.id, undefined)).body.toString()).toBe(
      'partner,value\nRiverbank,120000\n',
    );
    expect((await documentFile(ctx, before.id, undefined)).body.toString()).toBe('kept,in\nthe,database\n');
  });

  it('leave the store with their programme when it is deleted, and only theirs', async () => {
    useS3();
    const a = '11111111-1111-4111-8111-111111111111';
    const b = '22222222-2222-4222-8222-222222222222';
    const put = (programmeId: string, text: string) =>
      storeContent(
        {
          programmeId,
          sha256: Buffer.from(text).toString('hex').padEnd(64, '0'),
          mediaType: 'text/plain',
          fileName: 'x.txt',
        },
        Buffer.from(text),
      );
    await put(a, 'one');
    await put(a, 'two');
    await put(b, 'three');
    expect(await deleteProgrammeContent(a)).toBe(2);
    const s3 = new S3Client({
      region: 'eu-west-2',
      endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    const left = await s3.send(
      new ListObjectsV2Command({ Bucket: 'baton-documents', Prefix: 'programmes/' }),
    );
    const keys = (left.Contents ?? []).map((o) => o.Key!);
    expect(keys.some((k) => k.startsWith(`programmes/${a}/`))).toBe(false);
    expect(keys.some((k) => k.startsWith(`programmes/${b}/`))).toBe(true);
  });
});
