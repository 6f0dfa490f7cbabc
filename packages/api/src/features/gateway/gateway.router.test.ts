import { insertMembership, type DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import { GATEWAY_TEMPLATE } from '@baton/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caught, shapeOf } from '../../testing/errors';
import { auditCount, buildFixture, type Fixture } from '../../testing/fixture';

/*
 * An assurance gateway from set-up to decision, in the tender: the ICB's panel assures bidder A. Independent
 * scoring, moderation only once every rating is in, the decision only once every rating is agreed, conditions
 * as tracked RAID actions, and what each party sees at each step (bidders nothing until the decision, then only
 * their own outcome). Fixture today: 2026-11-23.
 */

let h: DbHandle;
let fx: Fixture;
beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
  // The panel: two ICB members of the tender besides its admin.
  await insertMembership(h.db, {
    programmeId: fx.tender.id,
    userId: fx.users.lead.id,
    role: 'transition_lead',
  });
  await insertMembership(h.db, {
    programmeId: fx.tender.id,
    userId: fx.users.steering.id,
    role: 'steering_group_member',
  });
});
afterAll(() => h.close());

const T = () => ({ programmeId: fx.tender.id });
const count = async (table: string, where = sql`true`) =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(h.db))
      .rows[0]!.n,
  );

async function newGateway(panel = [fx.users.lead.id, fx.users.steering.id]) {
  const admin = await fx.as('admin');
  return admin.gateway.create({
    ...T(),
    name: 'Gateway 1: alliance readiness',
    assessedOrganisationId: fx.orgs.bidderA.id,
    isapCheckpoint: 2,
    panelUserIds: panel,
  });
}

describe(`assurance gateways on ${testEngine()}`, () => {
  it('start from the Suffolk template, with a panel of the commissioners’ members only', async () => {
    const admin = await fx.as('admin');
    const g = await newGateway();
    const got = await admin.gateway.get({ ...T(), gatewayId: g.id });
    expect(got.domains.map((d) => d.name)).toEqual(GATEWAY_TEMPLATE.map((d) => d.name));
    expect(got.domains.flatMap((d) => d.criteria)).toHaveLength(24);
    expect(got.panel.map((p) => p.name).sort()).toEqual(['Lee Lead', 'Sam Steering']);
    expect(got.gateway.status).toBe('draft');

    // A bidder on the panel, a commissioner assessed, a lot of another programme: refused with reasons.
    const e = await caught(
      admin.gateway.create({
        ...T(),
        name: 'Gateway 2',
        assessedOrganisationId: fx.orgs.icb.id,
        lotId: fx.lot.id,
        panelUserIds: [fx.users.bidderB.id],
      }),
    );
    expect(e.code).toBe('BAD_REQUEST');
    expect(Object.keys(shapeOf(e).data.fieldErrors ?? {}).sort()).toEqual([
      'assessedOrganisationId',
      'lotId',
      'panelUserIds',
    ]);
    // A transition lead rates but does not run gateways.
    const lead = await fx.as('lead');
    expect(
      (
        await caught(
          lead.gateway.create({ ...T(), name: 'Mine', assessedOrganisationId: fx.orgs.bidderA.id }),
        )
      ).code,
    ).toBe('FORBIDDEN');
  });

  it('are invisible to bidders until decided, exactly as a missing gateway', async () => {
    const g = await newGateway();
    const bidderA = await fx.as('bidderA');
    const own = await caught(bidderA.gateway.get({ ...T(), gatewayId: g.id }));
    const missing = await caught(
      bidderA.gateway.get({ ...T(), gatewayId: '00000000-0000-4000-8000-000000000001' }),
    );
    expect([own.code, own.message]).toEqual([missing.code, missing.message]);
    expect((await bidderA.gateway.list(T())).gateways.map((x) => x.id)).not.toContain(g.id);
  });

  it('fix their criteria and panel as they move on, and open moderation only when every rating is in', async () => {
    const admin = await fx.as('admin');
    const lead = await fx.as('lead');
    const steering = await fx.as('steering');
    let g = await newGateway();
    await admin.gateway.setCriteria({
      ...T(),
      gatewayId: g.id,
      version: g.version,
      domains: [
        { name: 'Governance', criteria: ['Board assurance', 'CQC registration'] },
        { name: 'IT', criteria: ['Record system'] },
      ],
    });
    let view = await admin.gateway.get({ ...T(), gatewayId: g.id });
    const criteria = view.domains.flatMap((d) => d.criteria);
    expect(criteria.map((c) => c.text)).toEqual(['Board assurance', 'CQC registration', 'Record system']);
    // The list says how far the panel has got, by the same counts.
    await admin.gateway.advance({ ...T(), gatewayId: g.id, version: view.gateway.version, to: 'scoring' });
    view = await admin.gateway.get({ ...T(), gatewayId: g.id });
    expect(
      (
        await caught(
          admin.gateway.setCriteria({
            ...T(),
            gatewayId: g.id,
            version: view.gateway.version,
            domains: [{ name: 'Other', criteria: ['Other'] }],
          }),
        )
      ).message,
    ).toContain('fixed once the panel starts scoring');

    // Independent scoring: the lead sees only their own ratings until all of theirs are in.
    for (const [i, c] of criteria.entries())
      await lead.gateway.rate({
        ...T(),
        gatewayId: g.id,
        criterionId: c.id,
        rating: i === 0 ? 'partially_assured' : 'assured',
        comment: `Lead on ${c.text}`,
      });
    await steering.gateway.rate({
      ...T(),
      gatewayId: g.id,
      criterionId: criteria[0]!.id,
      rating: 'not_assured',
    });
    const steeringView = await steering.gateway.get({ ...T(), gatewayId: g.id });
    expect(steeringView.seesOthers).toBe(false);
    expect(steeringView.ratings.map((r) => r.panelUserName)).toEqual(['Sam Steering']);
    const leadView = await lead.gateway.get({ ...T(), gatewayId: g.id });
    expect(leadView.seesOthers).toBe(true);
    expect(leadView.domains[0]!.criteria[0]!.spread).toMatchObject({
      partially_assured: 1,
      not_assured: 1,
      agreed: false,
    });
    const list = await admin.gateway.list(T());
    expect(list.gateways.find((x) => x.id === g.id)!.progress!.label).toBe('4 of 6 panel ratings');

    // Only the panel rates; moderation waits for Sam.
    expect(
      (
        await caught(
          admin.gateway.rate({ ...T(), gatewayId: g.id, criterionId: criteria[0]!.id, rating: 'assured' }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    view = await admin.gateway.get({ ...T(), gatewayId: g.id });
    const early = await caught(
      admin.gateway.advance({ ...T(), gatewayId: g.id, version: view.gateway.version, to: 'moderation' }),
    );
    expect(early.message).toContain('still to finish: Sam Steering');

    // Two changes of one rating from the same version: one lands, the other is a conflict.
    const mine = steeringView.ratings[0]!;
    const both = await Promise.allSettled([
      steering.gateway.rate({
        ...T(),
        gatewayId: g.id,
        criterionId: criteria[0]!.id,
        rating: 'assured',
        version: mine.version,
      }),
      steering.gateway.rate({
        ...T(),
        gatewayId: g.id,
        criterionId: criteria[0]!.id,
        rating: 'partially_assured',
        version: mine.version,
      }),
    ]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((both.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.code).toBe('CONFLICT');

    for (const c of criteria.slice(1))
      await steering.gateway.rate({ ...T(), gatewayId: g.id, criterionId: c.id, rating: 'assured' });
    g = (await admin.gateway.advance({
      ...T(),
      gatewayId: g.id,
      version: view.gateway.version,
      to: 'moderation',
    })) as never;
    expect((await admin.gateway.get({ ...T(), gatewayId: g.id })).gateway.status).toBe('moderation');
    // Ratings are closed in moderation; the panel is fixed.
    expect(
      (
        await caught(
          lead.gateway.rate({
            ...T(),
            gatewayId: g.id,
            criterionId: criteria[0]!.id,
            rating: 'assured',
            version: 1,
          }),
        )
      ).code,
    ).toBe('BAD_REQUEST');
  });

  it('record the decision only on agreed ratings, as a steering group decision with conditions as actions', async () => {
    const admin = await fx.as('admin');
    const lead = await fx.as('lead');
    const g = await newGateway([fx.users.lead.id]);
    let view = await admin.gateway.get({ ...T(), gatewayId: g.id });
    await admin.gateway.setCriteria({
      ...T(),
      gatewayId: g.id,
      version: view.gateway.version,
      domains: [
        { name: 'HR including TUPE', criteria: ['ELI received'] },
        { name: 'Mobilisation', criteria: ['Plan with owners'] },
      ],
    });
    view = await admin.gateway.get({ ...T(), gatewayId: g.id });
    await admin.gateway.advance({ ...T(), gatewayId: g.id, version: view.gateway.version, to: 'scoring' });
    const criteria = view.domains.flatMap((d) => d.criteria);
    for (const c of criteria)
      await lead.gateway.rate({ ...T(), gatewayId: g.id, criterionId: c.id, rating: 'partially_assured' });
    view = await admin.gateway.get({ ...T(), gatewayId: g.id });
    await admin.gateway.advance({ ...T(), gatewayId: g.id, version: view.gateway.version, to: 'moderation' });
    view = await admin.gateway.get({ ...T(), gatewayId: g.id });
    await admin.gateway.addEvidence({
      ...T(),
      gatewayId: g.id,
      description: 'Employee liability information, 14 October',
      providedBy: 'Alpha Health',
      receivedOn: '2026-10-14',
      criterionId: criteria[0]!.id,
    });

    const decide = (extra: Record<string, unknown> = {}) =>
      admin.gateway.recordRecommendation({
        ...T(),
        gatewayId: g.id,
        version: view.gateway.version,
        recommendation: 'progress_with_conditions',
        rationale: 'Assured subject to the TUPE and mobilisation conditions.',
        decidedOn: '2026-11-20',
        conditions: [
          { text: 'Confirm NHS Pension Scheme access', dueOn: '2026-12-18', ownerUserId: fx.users.lead.id },
          { text: 'Mobilisation plan baselined', dueOn: '2027-01-15' },
        ],
        ...extra,
      });
    expect((await caught(decide())).message).toContain('2 criteria and 2 domains still to agree');

    for (const d of view.domains) {
      for (const c of d.criteria)
        await admin.gateway.moderate({
          ...T(),
          gatewayId: g.id,
          target: 'criterion',
          targetId: c.id,
          agreedRating: 'partially_assured',
          reasons: 'Evidence incomplete at the panel',
          version: c.version,
        });
      await admin.gateway.moderate({
        ...T(),
        gatewayId: g.id,
        target: 'domain',
        targetId: d.id,
        agreedRating: 'partially_assured',
        reasons: 'As its criteria',
        version: d.version,
      });
    }
    view = await admin.gateway.get({ ...T(), gatewayId: g.id });
    expect(view.suggested).toBe('progress_with_conditions');
    expect(view.domains.map((d) => d.rolledUp)).toEqual(['partially_assured', 'partially_assured']);

    // A rejected decision changes nothing: no conditions, no decision, the gateway still in moderation.
    const before = await auditCount(h.db);
    const raidBefore = await count('raid_items');
    expect((await caught(decide({ conditions: [] }))).message).toContain('Add at least one condition');
    expect(
      (await caught(decide({ conditions: [{ text: 'Owner elsewhere', ownerUserId: fx.users.outsider.id }] })))
        .code,
    ).toBe('BAD_REQUEST');
    expect([await auditCount(h.db), await count('raid_items')]).toEqual([before, raidBefore]);

    const decided = await decide();
    expect(decided.status).toBe('decided');
    expect(decided.conditions).toHaveLength(2);
    const raid = await admin.raid.get({ ...T(), raidId: decided.decision.id });
    expect(raid.item).toMatchObject({
      kind: 'decision',
      status: 'agreed',
      decidedBy: 'Steering group',
      gatewayId: g.id,
    });
    const actions = await admin.raid.list({ ...T(), kind: 'action' });
    const conditions = actions.filter((a) => a.gatewayId === g.id);
    expect(conditions.map((a) => [a.title, a.dueOn, a.owner?.name ?? null]).sort()).toEqual([
      ['Confirm NHS Pension Scheme access', '2026-12-18', 'Lee Lead'],
      ['Mobilisation plan baselined', '2027-01-15', null],
    ]);
    // Decided is final.
    const final = await admin.gateway.get({ ...T(), gatewayId: g.id });
    expect(final.outcome.conditions.map((c) => c.status)).toEqual(['open', 'open']);
    expect(
      (await caught(admin.gateway.addEvidence({ ...T(), gatewayId: g.id, description: 'Late evidence' })))
        .message,
    ).toContain('decided');

    // Bidder A now sees its outcome, and nothing of the panel's work; bidder B still nothing.
    const bidderA = await fx.as('bidderA');
    const outcome = await bidderA.gateway.get({ ...T(), gatewayId: g.id });
    expect(outcome.panelSide).toBe(false);
    expect([outcome.panel, outcome.ratings, outcome.evidence]).toEqual([[], [], []]);
    expect(outcome.domains.map((d) => [d.name, d.agreedRating, d.agreedReasons])).toEqual([
      ['HR including TUPE', 'partially_assured', 'As its criteria'],
      ['Mobilisation', 'partially_assured', 'As its criteria'],
    ]);
    expect(outcome.outcome.recommendation).toBe('progress_with_conditions');
    expect(outcome.outcome.conditions.every((c) => c.owner === null)).toBe(true);
    expect(JSON.stringify(outcome)).not.toContain('Lee Lead');
    expect(JSON.stringify(outcome)).not.toContain('Employee liability information');
    const bidderB = await fx.as('bidderB');
    expect((await caught(bidderB.gateway.get({ ...T(), gatewayId: g.id }))).code).toBe('NOT_FOUND');
    // The audit trail bidder A reads has the decision, never the panel's work.
    const trail = JSON.stringify(await bidderA.audit.list({ ...T(), limit: 100 }));
    expect(trail).toContain('decided: progress with conditions');
    expect(trail).not.toContain('Panel rating');
    expect(trail).not.toContain('agreed as');
    const full = JSON.stringify(await admin.audit.list({ ...T(), limit: 100 }));
    expect(full).toContain('Panel rating given');
  });

  it('put the ratings a panel member still owes in their workspace, overdue after the panel’s due date', async () => {
    const admin = await fx.as('admin');
    const g = await newGateway();
    const v = await admin.gateway.update({
      ...T(),
      gatewayId: g.id,
      version: g.version,
      name: g.name,
      assessedOrganisationId: fx.orgs.bidderA.id,
      isapCheckpoint: 2,
      panelDueOn: '2026-11-20',
      panelUserIds: [fx.users.lead.id, fx.users.steering.id],
    });
    await admin.gateway.advance({ ...T(), gatewayId: g.id, version: v.version, to: 'scoring' });
    const steering = await fx.as('steering');
    // Scoring opening asks each panel member for their ratings, once.
    const told = await sql<{ title: string; link: string }>`
      select title, link from notifications where user_id = ${fx.users.steering.id} and entity_id = ${g.id}`.execute(
      h.db,
    );
    expect(told.rows).toEqual([
      {
        title: `Your panel ratings are asked for: ${g.name}`,
        link: `/p/${fx.tender.id}/gateways/${g.id}`,
      },
    ]);
    const before = await steering.workspace.lead({ ...T() });
    const item = before.awaiting.find((a) => a.id === g.id)!;
    expect(item).toMatchObject({
      kind: 'gateway',
      reason: 'Panel ratings 3 days overdue: 24 of 24 criteria to rate',
      dueDate: '2026-11-20',
    });
    expect(before.overdueOther.map((a) => a.id)).toContain(g.id);
    // Once every criterion is rated, it leaves the workspace.
    const view = await steering.gateway.get({ ...T(), gatewayId: g.id });
    for (const c of view.domains.flatMap((d) => d.criteria))
      await steering.gateway.rate({ ...T(), gatewayId: g.id, criterionId: c.id, rating: 'assured' });
    expect((await steering.workspace.lead({ ...T() })).awaiting.map((a) => a.id)).not.toContain(g.id);
  });

  it('appear on the programme timeline at their ISAP checkpoint, to those who may see them', async () => {
    const admin = await fx.as('admin');
    await admin.stage.applyTemplate(T());
    const g = await newGateway();
    const at = (t: Awaited<ReturnType<typeof admin.stage.timeline>>) =>
      t.stages.find((s) => s.key === 'isap_2')!.gateways.map((x) => x.id);
    expect(at(await admin.stage.timeline(T()))).toContain(g.id);
    const bidderA = await fx.as('bidderA');
    expect(at(await bidderA.stage.timeline(T()))).not.toContain(g.id);
  });

  it('keep evidence files for the panel’s side only', async () => {
    const admin = await fx.as('admin');
    const g = await newGateway();
    const e = await admin.gateway.addEvidence({
      ...T(),
      gatewayId: g.id,
      description: 'Board minutes, alliance',
    });
    const doc = await admin.document.upload({
      ...T(),
      parentType: 'gateway_evidence',
      parentId: e.id,
      fileName: 'minutes.txt',
      contentBase64: Buffer.from('Alliance board minutes').toString('base64'),
    });
    expect(doc.latestVersion).toBe(1);
    const lead = await fx.as('lead');
    expect(await lead.document.list({ ...T(), parentType: 'gateway_evidence', parentId: e.id })).toHaveLength(
      1,
    );
    expect(
      (
        await caught(
          lead.document.upload({
            ...T(),
            parentType: 'gateway_evidence',
            parentId: e.id,
            fileName: 'more.txt',
            contentBase64: Buffer.from('More').toString('base64'),
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    const bidderA = await fx.as('bidderA');
    expect(
      (await caught(bidderA.document.list({ ...T(), parentType: 'gateway_evidence', parentId: e.id }))).code,
    ).toBe('NOT_FOUND');
    // Evidence pointing at another gateway's criterion is refused.
    const other = await admin.gateway.get({ ...T(), gatewayId: (await newGateway()).id });
    const foreign = other.domains[0]!.criteria[0]!.id;
    const refused = await caught(
      admin.gateway.addEvidence({ ...T(), gatewayId: g.id, description: 'Misfiled', criterionId: foreign }),
    );
    expect(shapeOf(refused).data.fieldErrors).toEqual({
      criterionId: ['Choose a criterion of this gateway'],
    });
  });
});
