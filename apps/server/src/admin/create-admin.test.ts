import { findCredentials, type DbHandle } from '@baton/db';
import { verifyPassword } from '@baton/api';
import { createTestDb, testEngine } from '@baton/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createAdmin } from './create-admin';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

describe(`create-admin on ${testEngine()}`, () => {
  it('creates a system administrator with a generated password shown once', async () => {
    const r = await createAdmin(h.db, {
      email: 'Chief@Example.nhs.uk',
      name: 'Chief Admin',
      organisation: 'NHS Example ICB',
    });
    expect(r.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const found = await findCredentials(h.db, 'chief@example.nhs.uk');
    expect(found?.user).toMatchObject({ isSystemAdmin: true, organisation: { name: 'NHS Example ICB' } });
    expect(await verifyPassword(found!.passwordHash!, r.generatedPassword!)).toBe(true);
  });

  it('refuses a duplicate email and a short password, with the flag named', async () => {
    await expect(
      createAdmin(h.db, { email: 'chief@example.nhs.uk', name: 'Again', organisation: 'X Org' }),
    ).rejects.toThrow(/already exists/);
    await expect(
      createAdmin(h.db, { email: 'b@example.nhs.uk', name: 'B', organisation: 'X Org', password: 'short' }),
    ).rejects.toThrow(/--name|--password/);
  });
});

describe('configuration', () => {
  it('defaults to the embedded database with demo data, and PostgreSQL without it', () => {
    expect(loadConfig({})).toMatchObject({
      databaseUrl: undefined,
      demo: true,
      port: 3000,
      secureCookies: false,
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://x@h/db' })).toMatchObject({ demo: false });
    expect(loadConfig({ DATABASE_URL: 'postgres://x@h/db', BATON_DEMO: '1' }).demo).toBe(true);
    expect(loadConfig({ BATON_PUBLIC_URL: 'https://baton.example.nhs.uk' }).secureCookies).toBe(true);
  });
  it('names the bad setting when the environment is invalid', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});
