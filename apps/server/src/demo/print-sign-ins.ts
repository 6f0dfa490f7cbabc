import { MEMBERSHIP_ROLE_LABELS, type TMembershipRole } from '@baton/domain';
import type { DemoSeedResult } from './demo.seed';

export function printDemoSignIns(result: Extract<DemoSeedResult, { loaded: true }>): void {
  const rows = result.users.map((u) => [
    u.email,
    MEMBERSHIP_ROLE_LABELS[u.role as TMembershipRole] ?? u.role,
    u.organisation,
    u.programme,
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => String(r[i]).length), 8));
  console.log(`\nDemo programme loaded. Every demo user's password is: ${result.password}\n`);
  for (const r of rows) console.log('  ' + r.map((c, i) => String(c).padEnd(widths[i]!)).join('  '));
  console.log('');
}
