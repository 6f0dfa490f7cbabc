import type { Party } from '../../lib/trpc';

/** The programme's organisations (each once), by name. */
export function organisationOptionsOf(parties: Party[]): Array<{ value: string; label: string }> {
  const byId = new Map<string, string>();
  for (const p of parties) byId.set(p.organisation.id, p.organisation.name);
  return [...byId.entries()]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
