import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../shared/dates';
import { schedule } from './critical-path';
import { planFromTemplate, STANDARD_TRANSFER_TEMPLATE } from './plan.template';

const TRANSFER = '2027-04-01';

describe('standard transfer template', () => {
  const plan = planFromTemplate(TRANSFER);
  const byKey = new Map(plan.map((t) => [t.key, t]));

  it('covers every workstream and every dependency names a template task', () => {
    expect(new Set(plan.map((t) => t.workstream)).size).toBe(8);
    for (const t of STANDARD_TRANSFER_TEMPLATE)
      for (const k of t.after ?? []) expect(byKey.has(k), `${t.key} after ${k}`).toBe(true);
  });

  it('sends ELI no later than 28 days before the transfer and goes live on the transfer date', () => {
    expect(byKey.get('eli')!.dueDate <= addDays(TRANSFER, -28)).toBe(true);
    expect(byKey.get('go_live')!.dueDate).toBe(TRANSFER);
  });

  it('has no dependency loops, and each task starts after its predecessors finish', () => {
    const deps = STANDARD_TRANSFER_TEMPLATE.flatMap((t) =>
      (t.after ?? []).map((p) => ({ predecessorId: p, successorId: t.key, lagDays: 0 })),
    );
    const tasks = plan.map((t) => ({ id: t.key, durationDays: daysBetween(t.startDate, t.dueDate) }));
    const s = schedule(tasks, deps);
    expect(s.criticalPath.at(-1)).toBe('go_live');
    for (const t of STANDARD_TRANSFER_TEMPLATE) {
      for (const p of t.after ?? [])
        expect(byKey.get(p)!.dueDate <= byKey.get(t.key)!.startDate, `${p} before ${t.key}`).toBe(true);
    }
  });

  it('marks the conditions precedent of commencement', () => {
    expect(plan.filter((t) => t.conditionPrecedent).map((t) => t.key)).toEqual([
      'landlord',
      'safety_case',
      'dpia',
      'dspt',
      'cqc',
      'baseline',
    ]);
  });
});
