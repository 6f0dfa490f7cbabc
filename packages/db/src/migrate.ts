import { Migrator, type Migration } from 'kysely';
import type { Database } from './client';
import { migrations as currentMigrations } from './migrations/index';

export interface MigrateOptions {
  /** The migrations to apply, by name; default the explicit index. Tests pass a copy with extra ones. */
  migrations?: Record<string, Migration>;
}

export async function migrateToLatest(db: Database, options: MigrateOptions = {}): Promise<string[]> {
  const migrations = options.migrations ?? currentMigrations;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
