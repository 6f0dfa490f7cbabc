import {
  audienceSeesOrganisation,
  audienceSeesRow,
  canSeeOrganisation,
  partyDirectory,
  RuleViolationError,
  type TPartyDirectory,
} from '@baton/domain';
import { listParties, memberOrganisations, type Executor } from '@baton/db';
import type { TMember } from './membership';

/*
 * What a write may name: organisations, people and other rows. A write that names something the caller may
 * not see answers exactly as if it did not exist (no existence oracle), and a write may not name something
 * that a member who will see the row may not see (a bidder must never read its rival's name in its own
 * register, whoever wrote it). Every write that names an organisation, a person or another row checks here.
 */

export const NAMING_MESSAGES = {
  organisation: 'Choose an organisation taking part in this programme',
  person: 'Choose a member of this programme',
  row: 'Choose one from the list',
} as const;

export async function loadPartyDirectory(db: Executor, programmeId: string): Promise<TPartyDirectory> {
  const parties = await listParties(db, programmeId);
  return partyDirectory(parties.map((p) => ({ organisationId: p.organisation.id, role: p.role })));
}

/** A hidden or missing row named by a write: the same message either way. */
function hiddenFromAudience(kind: string) {
  return `Only organisations that can see this ${kind} may be named on it: bidders see only their own organisation.`;
}

/**
 * Collects what one write names, then checks it all at once (one query for the people), reporting each
 * problem next to its field.
 */
export class NamingCheck {
  private readonly organisations: Array<{ field: string; id: string; message?: string }> = [];
  private readonly people: Array<{ field: string; id: string; message?: string }> = [];
  private readonly rows: Array<{ field: string; owners: readonly string[] | null; message?: string }> = [];

  constructor(
    private readonly db: Executor,
    private readonly member: TMember,
    /** The organisations whose isolated members will see the row being written (see domain audience rules). */
    private readonly audience: readonly string[],
    /** What the row is called in messages: "risk", "task"... */
    private readonly kind: string,
  ) {}

  organisation(field: string, id: string | null | undefined, message?: string): this {
    if (id) this.organisations.push({ field, id, ...(message ? { message } : {}) });
    return this;
  }

  person(field: string, userId: string | null | undefined, message?: string): this {
    if (userId) this.people.push({ field, id: userId, ...(message ? { message } : {}) });
    return this;
  }

  /** Another row the write points at, by the organisations that own it (null: a programme-wide row). */
  row(field: string, owners: readonly string[] | null, message?: string): this {
    this.rows.push({ field, owners, ...(message ? { message } : {}) });
    return this;
  }

  async check(): Promise<void> {
    const { db, member, audience } = this;
    const [directory, personOrgs] = await Promise.all([
      loadPartyDirectory(db, member.programmeId),
      memberOrganisations(
        db,
        member.programmeId,
        this.people.map((p) => p.id),
      ),
    ]);
    const errors: Record<string, string[]> = {};
    const add = (field: string, message: string) => {
      errors[field] = [...(errors[field] ?? []), message];
    };
    const orgProblem = (orgId: string, mustBeParty: boolean): 'missing' | 'audience' | null => {
      if (mustBeParty && !directory.isParty(orgId)) return 'missing';
      if (!canSeeOrganisation(member.visibility, directory, orgId)) return 'missing';
      if (!audienceSeesOrganisation(directory, audience, orgId)) return 'audience';
      return null;
    };
    for (const o of this.organisations) {
      const problem = orgProblem(o.id, true);
      if (problem === 'missing') add(o.field, o.message ?? NAMING_MESSAGES.organisation);
      if (problem === 'audience') add(o.field, hiddenFromAudience(this.kind));
    }
    for (const p of this.people) {
      const orgId = personOrgs.get(p.id);
      const problem = orgId ? orgProblem(orgId, false) : 'missing';
      if (problem === 'missing') add(p.field, p.message ?? NAMING_MESSAGES.person);
      if (problem === 'audience') add(p.field, hiddenFromAudience(this.kind));
    }
    for (const r of this.rows) {
      if (!audienceSeesRow(directory, audience, r.owners)) add(r.field, hiddenFromAudience(this.kind));
    }
    if (Object.keys(errors).length)
      throw new RuleViolationError('Some of the values need correcting.', errors);
  }
}

/** Start checking what a write names, for a row whose isolated audience is `audience`. */
export const naming = (db: Executor, member: TMember, audience: readonly string[], kind: string) =>
  new NamingCheck(db, member, audience, kind);
