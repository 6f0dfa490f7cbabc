import type { TVisibility } from '@baton/domain';
import { sql, type RawBuilder } from 'kysely';

/*
 * Every read of an organisation-owned table names whose rows the reader may see (the API's access modules
 * decide; repositories only apply it), so a query cannot forget bidder isolation: the parameter is required.
 */

/**
 * The SQL predicate for "the reader may see this row": always true for members who see every organisation;
 * otherwise one of the row's owner columns is the reader's organisation.
 */
export function visibleWhere(v: TVisibility, ...ownerColumns: [string, ...string[]]): RawBuilder<boolean> {
  if (v.kind === 'all') return sql<boolean>`true`;
  return sql<boolean>`(${sql.join(
    ownerColumns.map((c) => sql`${sql.ref(c)} = ${v.organisationId}`),
    sql` or `,
  )})`;
}

/** The organisation a reader is limited to, or undefined when they see every organisation's rows. */
export const onlyOrganisationOf = (v: TVisibility): string | undefined =>
  v.kind === 'own' ? v.organisationId : undefined;
