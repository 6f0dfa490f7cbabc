import { ConflictError, NotFoundError } from '@baton/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client';
import { listAuditEvents, recordAudit } from '../audit';
import { createTestDb, testEngine } from '../testing/index';
import { insertOrganisation, updateOrganisation } from './organisation.repository';
import { insertProgramme, updateProgramme } from './programme.repository';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

const programmeInput = {
  name: 'Test programme',
  code: 'TST',
  description: '',
  procurementRoute: 'psr_competitive' as const,
  stage: 'procurement' as const,
  contractValueGbp: 123456789.5,
  contractTermMonths: 96,
  expectedServiceCommencement: '2027-04-01',
  intentionToAwardDate: null,
  contractAwardDate: '2026-10-31',
  longstopDate: null,
};

describe(`repositories on ${testEngine()}`, () => {
  it('round-trips calendar dates as strings and money as numbers', async () => {
    const p = await insertProgramme(h.db, programmeInput);
    expect(p.expectedServiceCommencement).toBe('2027-04-01');
    expect(p.contractAwardDate).toBe('2026-10-31');
    expect(p.contractValueGbp).toBe(123456789.5);
    expect(p.version).toBe(1);
  });

  it('bumps the version on update and refuses a stale version with the current state', async () => {
    const o = await insertOrganisation(h.db, {
      name: 'Kestrel Health CIC',
      shortName: 'Kestrel',
      kind: 'social_enterprise',
    });
    const o2 = await updateOrganisation(h.db, {
      ...o,
      organisationId: o.id,
      name: 'Kestrel Health Partnership CIC',
    });
    expect(o2.version).toBe(2);
    const stale = updateOrganisation(h.db, { ...o, organisationId: o.id, name: 'Lost update' });
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toMatchObject({
      current: { name: 'Kestrel Health Partnership CIC', version: 2 },
    });
  });

  it('reports a missing row as not found, not a conflict', async () => {
    await expect(
      updateProgramme(h.db, {
        ...programmeInput,
        code: 'NOPE',
        programmeId: crypto.randomUUID(),
        version: 1,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('rolls the audit event back with the change it records', async () => {
    const p = await insertProgramme(h.db, { ...programmeInput, code: 'AUD' });
    await expect(
      h.db.transaction().execute(async (trx) => {
        await recordAudit(trx, {
          actorUserId: null,
          programmeId: p.id,
          organisationId: null,
          audience: { kind: 'public' },
          entityType: 'programme',
          entityId: p.id,
          action: 'update',
          summary: 'doomed',
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const page = await listAuditEvents(h.db, { programmeId: p.id, visibility: { kind: 'all' }, limit: 10 });
    expect(page.items).toHaveLength(0);
  });

  it('pages the audit trail newest first with a cursor', async () => {
    const p = await insertProgramme(h.db, { ...programmeInput, code: 'PAGE' });
    for (let i = 0; i < 5; i++) {
      await recordAudit(h.db, {
        actorUserId: null,
        programmeId: p.id,
        organisationId: null,
        audience: { kind: 'public' },
        entityType: 'lot',
        entityId: String(i),
        action: 'create',
        summary: `event ${i}`,
        after: { at: new Date('2026-01-01T00:00:00Z'), i },
      });
    }
    const first = await listAuditEvents(h.db, { programmeId: p.id, visibility: { kind: 'all' }, limit: 3 });
    expect(first.items.map((e) => e.summary)).toEqual(['event 4', 'event 3', 'event 2']);
    expect(first.items[0]?.after).toEqual({ at: '2026-01-01T00:00:00.000Z', i: 4 });
    const second = await listAuditEvents(h.db, {
      programmeId: p.id,
      visibility: { kind: 'all' },
      limit: 3,
      cursor: first.nextCursor!,
    });
    expect(second.items.map((e) => e.summary)).toEqual(['event 1', 'event 0']);
    expect(second.nextCursor).toBeNull();
  });
});
