import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { passwordProblems } from '@baton/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin } from './create-admin';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

describe(`create-admin and the password rule on ${testEngine()}`, () => {
  it('generates passwords that pass the rule for the person they are for', async () => {
    for (let i = 0; i < 5; i++) {
      const who = {
        email: `chief${i}@example.nhs.uk`,
        name: `Chief Admin ${i}`,
        organisation: 'NHS Example ICB',
      };
      const r = await createAdmin(h.db, who);
      expect(await passwordProblems(r.generatedPassword!, [who.email, who.name, who.organisation])).toEqual(
        [],
      );
    }
  });
});

describe(`create-admin --password on ${testEngine()}`, () => {
  it('refuses a guessable password with the reasons, and creates nobody', async () => {
    await expect(
      createAdmin(h.db, {
        email: 'weak.admin@example.nhs.uk',
        name: 'Weak Admin',
        organisation: 'NHS Example ICB',
        password: 'password1234',
      }),
    ).rejects.toThrow(/--password: This password is too easy to guess/);
    const again = await createAdmin(h.db, {
      email: 'weak.admin@example.nhs.uk',
      name: 'Weak Admin',
      organisation: 'NHS Example ICB',
      password: 'quartz lantern orbit meadow 81',
    });
    expect(again.generatedPassword).toBeNull();
  });
});
