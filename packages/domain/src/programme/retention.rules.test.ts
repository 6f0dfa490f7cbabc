import { describe, expect, it } from 'vitest';
import {
  closeProblem,
  defaultRetainUntil,
  deletionConfirmProblem,
  deletionRequestProblem,
} from './retention.rules';

const open = {
  status: 'open' as const,
  retainUntil: null,
  deletionRequestedAt: null,
  deletionRequestedBy: null,
};
const closed = { ...open, status: 'closed' as const, retainUntil: '2032-12-01' };
const asked = { ...closed, deletionRequestedAt: new Date('2032-12-05'), deletionRequestedBy: 'ann' };

describe('retention', () => {
  it('keeps records six years from closing by default', () => {
    expect(defaultRetainUntil('2026-12-02')).toBe('2032-12-02');
  });

  it.each([
    [open, '2032-12-01', '2026-12-02', null],
    [open, '2026-12-01', '2026-12-02', 'Keep the records until today or a later date.'],
    [closed, '2032-12-01', '2026-12-02', 'This programme is already closed.'],
  ] as const)('closing %j until %s on %s', (p, until, today, problem) => {
    expect(closeProblem(p, until, today)).toBe(problem);
  });

  it.each([
    [open, '2040-01-01', /Close the programme first/],
    [closed, '2032-12-01', /kept until 1 Dec 2032/],
    [closed, '2032-12-02', null],
    [asked, '2032-12-06', /already been asked/],
  ] as const)('asking for deletion of %j on %s', (p, today, problem) => {
    const r = deletionRequestProblem(p, today);
    if (problem === null) expect(r).toBeNull();
    else expect(r).toMatch(problem);
  });

  it.each([
    [closed, 'bob', '2032-12-06', /Nobody has asked/],
    [asked, 'ann', '2032-12-06', /two people/],
    [asked, 'bob', '2032-12-06', null],
  ] as const)('confirming deletion of %j by %s on %s', (p, who, today, problem) => {
    const r = deletionConfirmProblem(p, who, today);
    if (problem === null) expect(r).toBeNull();
    else expect(r).toMatch(problem);
  });
});
