import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  eliDueDate,
  eliStatus,
  siteReadiness,
  staffGroupProblems,
  systemDates,
  systemProblems,
  systemReadiness,
  ZCreateStaffGroupInput,
  ZStaffGroupFields,
  ZSystemFields,
  ZUpdateSiteInput,
  ZUpdateStaffGroupInput,
  type TAssuranceStatus,
  type TCqcLocationStatus,
  type TLandlordConsent,
  type TSiteRoute,
} from './registers.schema';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

describe('ELI against TUPE reg. 11', () => {
  const transferDate = '2027-04-01';
  it('is due 28 days before the transfer', () => {
    expect(eliDueDate(transferDate)).toBe('2027-03-04');
  });
  it.each([
    // sent
    ['2027-03-04', '2027-03-20', 'sent', 'ELI sent on 4 Mar 2027, the day it was due'],
    ['2027-02-01', '2027-03-20', 'sent', 'ELI sent on 1 Feb 2027, 31 days before it was due (4 Mar 2027)'],
    ['2027-03-05', '2027-03-20', 'late', 'ELI sent on 5 Mar 2027, 1 day after it was due (4 Mar 2027)'],
    // not sent
    [null, '2027-03-05', 'late', 'ELI not sent: it was due on 4 Mar 2027, 1 day ago'],
    [null, '2027-03-04', 'due_soon', 'ELI not sent: it is due today (4 Mar 2027)'],
    [null, '2027-02-18', 'due_soon', 'ELI not sent: due on 4 Mar 2027, in 14 days'],
    [null, '2027-02-17', 'not_due', 'ELI due on 4 Mar 2027, in 15 days'],
  ] as const)('sent %s, today %s: %s', (eliSentOn, today, state, reason) => {
    const s = eliStatus({ transferDate, eliSentOn, today });
    expect(s).toMatchObject({ due: '2027-03-04', state, reason });
    expect(s.rule).toMatch(/^TUPE reg\. 11/);
  });
});

describe('staff group rules', () => {
  const ok = {
    outgoingEmployerId: A,
    incomingEmployerId: B,
    headcount: 10,
    wte: 8.5,
    objectors: 1,
    eliSentOn: null,
    eliCompleteOn: null,
    consultationStart: null,
    consultationEnd: null,
  };
  it('accepts a consistent group', () => expect(staffGroupProblems(ok)).toEqual([]));
  it.each([
    [{ wte: 10.01 }, 'wte'],
    [{ objectors: 11 }, 'objectors'],
    [{ incomingEmployerId: A }, 'incomingEmployerId'],
    [{ consultationStart: '2027-01-10', consultationEnd: '2027-01-09' }, 'consultationEnd'],
    [{ consultationEnd: '2027-01-09' }, 'consultationStart'],
    [{ eliSentOn: '2027-01-10', eliCompleteOn: '2027-01-09' }, 'eliCompleteOn'],
    [{ eliCompleteOn: '2027-01-09' }, 'eliSentOn'],
  ])('%o breaks %s', (patch, path) => {
    expect(staffGroupProblems({ ...ok, ...patch }).map((p) => p.path)).toEqual([path]);
  });
  it('WTE equal to headcount and a same-day consultation are fine', () => {
    expect(
      staffGroupProblems({
        ...ok,
        wte: 10,
        objectors: 10,
        consultationStart: '2027-01-09',
        consultationEnd: '2027-01-09',
      }),
    ).toEqual([]);
  });
  it('the zod schema reports each problem next to its field, with defaults filled in', () => {
    const r = ZCreateStaffGroupInput.safeParse({
      programmeId: A,
      transferId: B,
      outgoingEmployerId: A,
      incomingEmployerId: B,
      service: 'District nursing',
      headcount: 4,
      wte: 5,
      objectors: 6,
    });
    expect(r.success).toBe(false);
    expect(z.flattenError(r.error!).fieldErrors).toEqual({
      wte: ['The WTE (5) cannot be more than the headcount (4)'],
      objectors: ['Objectors (6) cannot be more than the headcount (4)'],
    });
    const good = ZStaffGroupFields.parse({
      outgoingEmployerId: A,
      incomingEmployerId: B,
      service: ' District nursing ',
      headcount: 4,
      wte: 3.6,
    });
    expect(good).toMatchObject({
      service: 'District nursing',
      pensionStatus: 'unknown',
      objectors: 0,
      eliSentOn: null,
    });
  });
  it('WTE takes at most 2 decimal places', () => {
    const base = { outgoingEmployerId: A, incomingEmployerId: B, service: 'DN', headcount: 4 };
    expect(ZStaffGroupFields.safeParse({ ...base, wte: 3.61 }).success).toBe(true);
    expect(ZStaffGroupFields.safeParse({ ...base, wte: 3.615 }).success).toBe(false);
  });
  it('an update names only what changes: no defaults fill the rest', () => {
    expect(ZUpdateStaffGroupInput.parse({ programmeId: A, staffGroupId: B, version: 2, wte: 3 })).toEqual({
      programmeId: A,
      staffGroupId: B,
      version: 2,
      wte: 3,
    });
    expect(ZUpdateSiteInput.parse({ programmeId: A, siteId: B, version: 1 })).toEqual({
      programmeId: A,
      siteId: B,
      version: 1,
    });
  });
});

describe('estate site readiness', () => {
  const transferDate = '2027-04-01';
  const at = (
    today: string,
    landlordConsent: TLandlordConsent,
    cqcLocationStatus: TCqcLocationStatus,
    route: TSiteRoute = 'assign',
  ) => siteReadiness({ today, transferDate, route, landlordConsent, cqcLocationStatus });

  it.each([
    ['2027-01-01', 'granted', 'approved', 'green', 'Ready: landlord consent granted; CQC location approved'],
    [
      '2027-03-31',
      'not_needed',
      'not_required',
      'green',
      'Ready: no landlord consent needed; no CQC location approval needed',
    ],
    [
      '2027-01-01',
      'refused',
      'approved',
      'red',
      'The landlord refused consent: the lease assignment cannot go ahead as planned',
    ],
    ['2027-01-01', 'requested', 'approved', 'amber', 'Landlord consent requested, not yet granted'],
    ['2027-01-01', 'not_requested', 'approved', 'amber', 'Landlord consent not yet requested'],
    ['2027-03-01', 'granted', 'applied', 'amber', 'CQC location approval applied for, not yet approved'],
    [
      '2027-03-02',
      'granted',
      'applied',
      'red',
      'CQC location approval applied for, not yet approved and the transfer is 30 days away',
    ],
    [
      '2027-04-02',
      'granted',
      'not_started',
      'red',
      'CQC location registration not started and the transfer date has passed',
    ],
  ] as const)('today %s, consent %s, CQC %s: %s', (today, consent, cqc, rag, reason) => {
    const v = at(today, consent, cqc);
    expect(v.rag).toBe(rag);
    expect(v.reasons[0]).toBe(reason);
  });

  it('lists red reasons before amber ones', () => {
    expect(at('2027-03-20', 'requested', 'not_started')).toEqual({
      rag: 'red',
      reasons: [
        'CQC location registration not started and the transfer is 12 days away',
        'Landlord consent requested, not yet granted',
      ],
    });
  });

  it('a site being vacated needs no CQC approval', () => {
    expect(at('2027-03-31', 'not_needed', 'not_started', 'vacate')).toEqual({
      rag: 'green',
      reasons: ['Ready: no landlord consent needed; the site is being vacated'],
    });
  });
});

describe('IT system rules', () => {
  it.each([
    [{ finalExtractDate: '2027-03-02', cutoverStart: '2027-03-01' }, ['cutoverStart']],
    [{ cutoverStart: '2027-03-02', goLiveDate: '2027-03-01' }, ['goLiveDate']],
    [{ finalExtractDate: '2027-03-02', goLiveDate: '2027-03-01' }, ['goLiveDate']],
    [{ goLiveDate: '2027-03-02', legacyAccessEnd: '2027-03-01' }, ['legacyAccessEnd']],
    [{ finalExtractDate: '2027-03-01', cutoverStart: '2027-03-01', goLiveDate: '2027-03-01' }, []],
    [{ finalExtractDate: '2027-03-01' }, []],
  ])('%o -> %o', (dates, paths) => {
    const s = {
      finalExtractDate: null,
      cutoverStart: null,
      goLiveDate: null,
      legacyAccessEnd: null,
      ...dates,
    };
    expect(systemProblems(s).map((p) => p.path)).toEqual(paths);
  });

  it('the zod schema rejects dates out of order', () => {
    const r = ZSystemFields.safeParse({
      name: 'SystmOne',
      systemType: 'clinical_record',
      dataControllerBeforeId: A,
      dataControllerAfterId: B,
      migrationMethod: 'extract_and_load',
      finalExtractDate: '2027-03-10',
      cutoverStart: '2027-03-09',
    });
    expect(z.flattenError(r.error!).fieldErrors).toEqual({
      cutoverStart: ['The cutover cannot start before the final data extract'],
    });
  });

  it('legacy access ends go-live plus the transfer’s days unless set', () => {
    const transfer = { plannedTransferDate: '2027-04-01', legacyAccessDays: 90 };
    expect(systemDates({ goLiveDate: null, legacyAccessEnd: null }, transfer)).toMatchObject({
      effectiveGoLive: '2027-04-01',
      effectiveLegacyAccessEnd: '2027-06-30',
      legacyAccessEndIsDefault: true,
    });
    expect(systemDates({ goLiveDate: '2027-03-30', legacyAccessEnd: '2027-12-31' }, transfer)).toMatchObject({
      effectiveGoLive: '2027-03-30',
      effectiveLegacyAccessEnd: '2027-12-31',
      legacyAccessEndIsDefault: false,
    });
  });

  const ready = (
    today: string,
    statuses: Partial<Record<string, TAssuranceStatus>>,
    goLiveDate: string | null = '2027-04-01',
  ) =>
    systemReadiness({
      today,
      transferDate: '2027-04-01',
      goLiveDate,
      migrationMethod: 'extract_and_load',
      dpiaStatus: 'complete',
      dsaStatus: 'complete',
      dsptStatus: 'not_required',
      safetyCaseStatus: 'complete',
      ...statuses,
    });

  it('green when every condition is complete or not required', () => {
    expect(ready('2027-03-31', {})).toEqual({
      rag: 'green',
      reasons: ['Ready: every go-live condition is complete or not required'],
    });
  });
  it('amber while conditions are open more than 14 days out, red within 14 days', () => {
    expect(ready('2027-03-17', { dpiaStatus: 'in_progress', safetyCaseStatus: 'not_started' })).toEqual({
      rag: 'amber',
      reasons: ['Not yet complete: DPIA (in progress) and Clinical safety case (DCB0160) (not started)'],
    });
    expect(ready('2027-03-18', { dsaStatus: 'in_progress' })).toEqual({
      rag: 'red',
      reasons: ['Not complete and go-live is 14 days away: Data sharing agreement (in progress)'],
    });
  });
  it('warns when go-live is unset or after the transfer', () => {
    expect(ready('2027-01-01', {}, null).reasons).toEqual([
      'No go-live date set: the transfer date (1 Apr 2027) is assumed',
    ]);
    expect(ready('2027-01-01', {}, '2027-04-03')).toEqual({
      rag: 'amber',
      reasons: ['Goes live on 3 Apr 2027, 2 days after the transfer'],
    });
  });
});
