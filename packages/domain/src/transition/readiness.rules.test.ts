import { describe, expect, it } from 'vitest';
import { readinessOf, readinessRules, type TReadinessInput, type TReadinessTask } from './readiness.rules';

const task = (over: Partial<TReadinessTask>): TReadinessTask => ({
  title: 'A task',
  workstream: 'workforce_tupe',
  owner: 'Kingsmead',
  startDate: '2026-12-01',
  dueDate: '2027-01-15',
  done: false,
  started: false,
  forecastFinish: '2027-01-15',
  forecastLateDays: 0,
  critical: false,
  conditionPrecedent: false,
  isGate: false,
  gateCriteriaMet: false,
  ...over,
});
const base: Omit<TReadinessInput, 'tasks'> = {
  today: '2026-11-23',
  transferDate: '2027-04-01',
  forecastGoLive: '2027-03-01',
  marginDays: 31,
  escalatedRisks: [],
};
const ws = (r: ReturnType<typeof readinessOf>, w: string) => r.workstreams.find((x) => x.workstream === w)!;

describe('readiness: written rules that discriminate', () => {
  it('is green with a reason that counts the work when nothing is at risk', () => {
    const r = readinessOf({ ...base, tasks: [task({}), task({ done: true })] });
    expect(r.overall).toEqual({
      rag: 'green',
      reasons: ['On track: every workstream is green and the forecast leaves 31 days of margin'],
    });
    expect(ws(r, 'workforce_tupe')).toMatchObject({
      rag: 'green',
      done: 1,
      total: 2,
      reasons: ['On track: 1 of 2 tasks done, nothing overdue or at risk'],
    });
    expect(r.daysToTransfer).toBe(129);
  });

  it.each([
    // [what, input change, overall RAG, first reason]
    [
      'the forecast is after the transfer date',
      { forecastGoLive: '2027-04-08', marginDays: -7, drivingTask: { title: 'Go live', owner: 'ICB' } },
      [],
      'red',
      'Forecast go-live 8 Apr 2027 is 7 days after the transfer date, set by “Go live” (ICB)',
    ],
    ['the margin is thin', { marginDays: 5 }, [], 'amber', 'Only 5 days of margin before the transfer date'],
  ] as const)('%s', (_what, over, tasks, rag, reason) => {
    const r = readinessOf({ ...base, ...over, tasks: [...tasks] });
    expect(r.overall.rag).toBe(rag);
    expect(r.overall.reasons[0]).toBe(reason);
  });

  it.each([
    [
      'a condition precedent past its need-by date is red, naming it and its owner',
      task({
        title: 'CQC variation approved',
        workstream: 'cqc_registration',
        conditionPrecedent: true,
        dueDate: '2026-11-20',
      }),
      'cqc_registration',
      'red',
      'Condition precedent “CQC variation approved” (Kingsmead) not met: it was needed by 20 Nov 2026',
    ],
    [
      'a critical task late by more than the margin is red',
      task({
        title: 'Data migration',
        critical: true,
        forecastLateDays: 40,
        started: true,
        startDate: '2026-11-01',
      }),
      'workforce_tupe',
      'red',
      'Critical-path task “Data migration” (Kingsmead) is forecast 40 days late, more than the margin',
    ],
    [
      'a critical task late within the margin is amber',
      task({
        title: 'Data migration',
        critical: true,
        forecastLateDays: 9,
        started: true,
        startDate: '2026-11-01',
      }),
      'workforce_tupe',
      'amber',
      'Critical-path task “Data migration” (Kingsmead) is forecast 9 days late, within the margin',
    ],
    [
      'an ordinary overdue task is amber',
      task({ title: 'Staff briefings', dueDate: '2026-11-01', startDate: '2026-10-01', started: true }),
      'workforce_tupe',
      'amber',
      '1 task overdue: “Staff briefings” (Kingsmead) was due 1 Nov 2026',
    ],
    [
      'work due to have started and not started is not green',
      task({ title: 'Measures letter', startDate: '2026-11-10' }),
      'workforce_tupe',
      'amber',
      '1 task should have started and has not: “Measures letter” (Kingsmead) was due to start 10 Nov 2026',
    ],
    [
      'a gate due soon with criteria unmet is amber',
      task({ title: 'Go/no-go', isGate: true, dueDate: '2026-12-01' }),
      'workforce_tupe',
      'amber',
      'Go/no-go gate “Go/no-go” (Kingsmead) due 1 Dec 2026, not yet met',
    ],
  ])('%s', (_what, t, workstream, rag, reason) => {
    const r = readinessOf({ ...base, tasks: [t] });
    expect(ws(r, workstream)).toMatchObject({ rag, reasons: [reason] });
    expect(r.overall.rag).toBe(rag);
  });

  it('a transfer with no plan is amber, never "on track"', () => {
    const r = readinessOf({ ...base, forecastGoLive: null, marginDays: null, tasks: [] });
    expect(r.overall).toEqual({
      rag: 'amber',
      reasons: ['No plan yet: this transfer has no tasks, so nothing shows it will be ready'],
    });
  });

  it('done tasks never count against readiness', () => {
    const r = readinessOf({
      ...base,
      tasks: [task({ dueDate: '2026-11-01', critical: true, done: true, forecastLateDays: 0 })],
    });
    expect(r.overall.rag).toBe('green');
  });

  it('one escalated risk needs attention but does not on its own turn a transfer red, unless the programme says so', () => {
    const risk = {
      reference: 'R-007',
      title: 'Landlord consent',
      score: 16,
      workstream: null,
      owner: 'Wyebridge',
    };
    const r = readinessOf({ ...base, tasks: [task({})], escalatedRisks: [risk] });
    expect(r.overall).toMatchObject({
      rag: 'amber',
      reasons: ['Escalated risk R-007 “Landlord consent” (Wyebridge) open across the transfer'],
    });
    const strict = readinessOf({
      ...base,
      tasks: [task({})],
      escalatedRisks: [risk],
      settings: { warningDays: 14, marginWarningDays: 14, escalatedRisk: 'red' },
    });
    expect(strict.overall.rag).toBe('red');
  });

  it('registers reach the transfer: a site or system that blocks go-live is red, with its owner', () => {
    const r = readinessOf({
      ...base,
      tasks: [task({})],
      registers: [
        { kind: 'system', name: 'SystmOne', rag: 'red', reason: 'DSPT not met', owner: 'Kingsmead' },
        {
          kind: 'site',
          name: 'Riverside',
          rag: 'amber',
          reason: 'Landlord consent not yet requested',
          owner: 'Wyebridge',
        },
      ],
    });
    expect(ws(r, 'it_data_records')).toMatchObject({
      rag: 'red',
      reasons: ['System “SystmOne” (Kingsmead): DSPT not met'],
    });
    expect(ws(r, 'estates_facilities').rag).toBe('amber');
    expect(r.overall.reasons[0]).toBe(
      'IT, data migration and records: System “SystmOne” (Kingsmead): DSPT not met',
    );
  });

  it('an overdue due diligence request makes its workstream amber, naming the organisation asked', () => {
    const r = readinessOf({
      ...base,
      tasks: [task({}), task({ workstream: 'estates_facilities' })],
      overdueRequests: [
        {
          reference: 'DDR-002',
          title: 'Staff list',
          owner: 'Wyebridge',
          daysOverdue: 3,
          workstream: 'workforce_tupe',
        },
        {
          reference: 'DDR-005',
          title: 'ELI',
          owner: 'Avonmere',
          daysOverdue: 9,
          workstream: 'workforce_tupe',
        },
      ],
    });
    expect(ws(r, 'workforce_tupe')).toMatchObject({
      rag: 'amber',
      reasons: ['Due diligence DDR-005 “ELI” (Avonmere) 9 days overdue and 1 more'],
    });
    expect(ws(r, 'estates_facilities').rag).toBe('green');
    expect(r.overall.rag).toBe('amber');
  });

  it('says its rules in words, following the settings', () => {
    expect(readinessRules().red).toContain(
      'A condition precedent is not met and its need-by date has passed',
    );
    expect(readinessRules({ warningDays: 7, marginWarningDays: 10, escalatedRisk: 'red' }).red).toContain(
      'An escalated risk linked to the transfer is open',
    );
  });
});
