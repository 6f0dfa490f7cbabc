import type { DbHandle } from '@baton/db';
import { createTestDb } from '@baton/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type Fixture } from '../../testing/fixture';
import { membershipFor } from '../../access/membership';
import { matrixFor } from './risk-matrix.cache';

/*
 * The matrix is kept per process against its stored version, read with the caller's membership
 * (risk-matrix.cache.ts). A saved change must reach the very next request, and the shared copy must not be
 * changeable by one request for all the others.
 */

let h: DbHandle;
let fx: Fixture;
beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
});
afterAll(() => h.close());

describe('the risk matrix kept per process', () => {
  it('a saved matrix is what the next request reads, on every screen that uses it', async () => {
    const admin = await fx.as('admin');
    const lead = await fx.as('lead');
    const programmeId = fx.programme.id;
    const before = await lead.risk.matrix({ programmeId });
    await lead.risk.heatMap({ programmeId });
    const top = before.matrix.bands.at(-1)!;
    const saved = await admin.risk.updateMatrix({
      programmeId,
      matrix: {
        ...before.matrix,
        escalationThreshold: before.matrix.escalationThreshold - 1,
        bands: before.matrix.bands.map((b) => (b === top ? { ...b, label: 'Severe (renamed)' } : b)),
      },
      version: before.version,
    });
    expect(saved.version).toBe(before.version + 1);
    const after = await lead.risk.matrix({ programmeId });
    expect(after.version).toBe(saved.version);
    expect(after.matrix.escalationThreshold).toBe(before.matrix.escalationThreshold - 1);
    expect(after.matrix.bands.at(-1)!.label).toBe('Severe (renamed)');
    const changed = await lead.risk.whatChanged({ programmeId, from: '2026-01-01', to: '2026-12-31' });
    expect(changed.bands.at(-1)!.label).toBe('Severe (renamed)');
  });

  it('reads the database again when the membership carries another version, and never hands out a copy to change', async () => {
    const member = await membershipFor(h.db, fx.users.lead.id, fx.programme.id, 'programme.read');
    const first = await matrixFor(h.db, member);
    expect(first.version).toBe(member.matrixVersion);
    expect(await matrixFor(h.db, member)).toBe(first);
    // A membership read before a later save (or with no version at all) does not get the cached matrix.
    const other = await matrixFor(h.db, { ...member, matrixVersion: first.version + 7 });
    expect(other).not.toBe(first);
    expect(other.version).toBe(first.version);
    expect(() => {
      (other.matrix as { escalationThreshold: number }).escalationThreshold = 1;
    }).toThrow(TypeError);
    expect(() => {
      (other.matrix.bands as unknown as unknown[]).push({});
    }).toThrow(TypeError);
  });
});
