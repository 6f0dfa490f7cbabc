import type { Executor } from '../client';

/** Which of these ids are organisations taking part in the programme, lots of it, and members of it. */
export async function programmeReferences(
  db: Executor,
  programmeId: string,
  ids: { organisationIds: string[]; lotIds: string[]; userIds: string[] },
) {
  const [orgs, lots, users] = await Promise.all([
    ids.organisationIds.length
      ? db
          .selectFrom('programme_parties')
          .select('organisation_id')
          .distinct()
          .where('programme_id', '=', programmeId)
          .where('organisation_id', 'in', ids.organisationIds)
          .execute()
      : [],
    ids.lotIds.length
      ? db
          .selectFrom('lots')
          .select('id')
          .where('programme_id', '=', programmeId)
          .where('id', 'in', ids.lotIds)
          .execute()
      : [],
    ids.userIds.length
      ? db
          .selectFrom('programme_memberships')
          .select('user_id')
          .where('programme_id', '=', programmeId)
          .where('user_id', 'in', ids.userIds)
          .execute()
      : [],
  ]);
  return {
    organisationIds: new Set(orgs.map((o) => o.organisation_id)),
    lotIds: new Set(lots.map((l) => l.id)),
    userIds: new Set(users.map((u) => u.user_id)),
  };
}
