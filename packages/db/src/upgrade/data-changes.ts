/*
 * Migrations never drop or rewrite data silently. One that must (merging two tables, normalising a column,
 * pruning rows nobody can reach) declares it here, under its name in the migrations index, with the reason; the
 * upgrade check then allows exactly that change, and only when upgrading across that migration. Anything else
 * a migration does to the rows an earlier release wrote fails the upgrade test.
 *
 * Adding columns, tables and indexes, and filling new columns, needs no entry: the check compares only the
 * rows and columns the old release had. Frozen packs (their stored hash, and their content hashing to it) and the
 * audit trail an old release wrote cannot be declared away: they are the programme's evidence.
 */

export type TDataChange =
  /** New rows appear in the table (every earlier row stays, unchanged). */
  | { table: string; change: 'adds-rows'; reason: string }
  /** Some earlier rows may go. */
  | { table: string; change: 'removes-rows'; reason: string }
  /** Values of these columns may change in earlier rows (a new format, a normalised value). */
  | { table: string; change: 'rewrites'; columns: string[]; reason: string }
  /** These columns go (their data moved elsewhere, say where); without `columns`, the whole table goes. */
  | { table: string; change: 'drops'; columns?: string[]; reason: string };

export type TDataChanges = Readonly<Record<string, readonly TDataChange[]>>;

/** By migration name. Empty: no migration so far changes data an earlier release wrote. */
export const MIGRATION_DATA_CHANGES: TDataChanges = {};

/** The declared changes of the migrations an upgrade applied, for one table. */
export function changesFor(
  declared: TDataChanges,
  applied: readonly string[],
  table: string,
): Array<TDataChange & { migration: string }> {
  return applied.flatMap((migration) =>
    (declared[migration] ?? []).filter((c) => c.table === table).map((c) => ({ ...c, migration })),
  );
}
