import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ssoCommand } from './sso-admin';

let h: DbHandle;
const KEY = 'a-test-secret-key-that-is-long-enough-0123456789';
beforeAll(async () => {
  h = await createTestDb();
  const organisations: [string, string][] = [
    ['Northshire Integrated Care Board', 'Northshire ICB'],
    ['Eastmoor Community Trust', 'Eastmoor'],
  ];
  for (const [name, short] of organisations)
    await h.db
      .insertInto('organisations')
      .values({ name, short_name: short, kind: 'commissioner' })
      .execute();
});
afterAll(() => h.close());

describe(`baton sso (command line) on ${testEngine()}`, () => {
  it('sets up, changes, lists and removes a provider, with the secret encrypted and each change audited', async () => {
    process.env.TEST_SSO_SECRET = 'the-client-secret';
    const set = await ssoCommand(h.db, KEY, ['set'], {
      organisation: 'Northshire ICB',
      name: 'Northshire NHS login',
      issuer: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0/',
      'client-id': 'app-id',
      'client-secret-env': 'TEST_SSO_SECRET',
      domains: 'Northshire.NHS.uk, @nhs.net',
    });
    expect(set).toMatch(/^Set up Northshire NHS login for Northshire Integrated Care Board/);
    const row = await h.db.selectFrom('identity_providers').selectAll().executeTakeFirstOrThrow();
    expect(row.email_domains).toEqual(['northshire.nhs.uk', 'nhs.net']);
    expect(row.issuer).toBe('https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0');
    expect(row.client_secret_encrypted).not.toContain('the-client-secret');
    await ssoCommand(h.db, KEY, ['set'], { organisation: 'Northshire ICB', 'require-sso': true });
    expect(await ssoCommand(h.db, KEY, ['list'], {})).toMatch(/Northshire NHS login .*passwords refused/);
    // One organisation per domain.
    await expect(
      ssoCommand(h.db, KEY, ['set'], {
        organisation: 'Eastmoor',
        name: 'Eastmoor login',
        issuer: 'https://idp.eastmoor.example',
        'client-id': 'x',
        domains: 'nhs.net',
      }),
    ).rejects.toThrow(/nhs.net already signs in through Northshire/);
    await expect(ssoCommand(h.db, KEY, ['set'], { organisation: 'Nowhere' })).rejects.toThrow(
      /No organisation/,
    );
    expect(await ssoCommand(h.db, KEY, ['remove'], { organisation: 'Northshire ICB' })).toMatch(/^Removed/);
    const audit = await h.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'identity_provider')
      .orderBy('occurred_at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });
});
