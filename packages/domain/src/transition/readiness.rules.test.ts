import { describe, expect, it } from 'vitest';
import { readinessOf, type TReadinessTask } from './readiness.rules';

const task = (over: Partial<TReadinessTask>): TReadinessTask => ({
  title: 'A task',
  workstream: 'workforce_tupe',
  dueDate: '2027-01-15',
  done: false,
  critical: false,
  conditionPrecedent: false,
  isGate: false,
  gateCriteriaMet: false,
  ...over,
});
const base = {
  today: '2026-11-23',
  transferDate: '2027-04-01',
  forecastGoLive: '2027-03-25',
  escalatedRisks: [],
};

describe('readiness RAG with reasons', () => {
  it('is green with a reason when nothing is overdue or at risk', () => {
    const r = readinessOf({ ...base, tasks: [task({})] });
    expect(r.overall).toEqual({ rag: 'green', reasons: ['On track: every workstream is green'] });
    expect(r.workstreams.find((w) => w.workstream === 'workforce_tupe')).toMatchObject({
      rag: 'green',
      done: 0,
      total: 1,
    });
    expect(r.daysToTransfer).toBe(129);
  });

  it('turns a workstream red for an overdue critical task and says which', () => {
    const r = readinessOf({
      ...base,
      tasks: [task({ title: 'Send ELI', dueDate: '2026-11-20', critical: true })],
    });
    const ws = r.workstreams.find((w) => w.workstream === 'workforce_tupe')!;
    expect(ws).toMatchObject({ rag: 'red', reasons: ['1 critical-path task overdue (Send ELI)'] });
    expect(r.overall.rag).toBe('red');
    expect(r.overall.reasons[0]).toBe('Workforce and TUPE: 1 critical-path task overdue (Send ELI)');
    expect(r.overdueCriticalTasks).toBe(1);
  });

  it('is amber for an ordinary overdue task or a condition precedent due soon', () => {
    expect(readinessOf({ ...base, tasks: [task({ dueDate: '2026-11-01' })] }).overall.rag).toBe('amber');
    const cp = readinessOf({
      ...base,
      tasks: [task({ workstream: 'cqc_registration', dueDate: '2026-12-01', conditionPrecedent: true })],
    });
    expect(cp.workstreams.find((w) => w.workstream === 'cqc_registration')?.reasons).toEqual([
      '1 condition precedent due within 14 days',
    ]);
    expect(cp.openConditions).toBe(1);
  });

  it('done tasks never count against readiness', () => {
    expect(
      readinessOf({ ...base, tasks: [task({ dueDate: '2026-11-01', critical: true, done: true })] }).overall
        .rag,
    ).toBe('green');
  });

  it('is red when the forecast go-live misses the transfer date, or an escalated risk is open', () => {
    expect(readinessOf({ ...base, forecastGoLive: '2027-04-08', tasks: [] }).overall.reasons[0]).toBe(
      'Forecast go-live 8 Apr 2027 is 7 days after the transfer date',
    );
    const risky = readinessOf({
      ...base,
      tasks: [],
      escalatedRisks: [
        { reference: 'R-007', title: 'EPR cutover', score: 16, workstream: 'it_data_records' },
      ],
    });
    expect(risky.workstreams.find((w) => w.workstream === 'it_data_records')?.rag).toBe('red');
    expect(risky.overall.rag).toBe('red');
  });
});
