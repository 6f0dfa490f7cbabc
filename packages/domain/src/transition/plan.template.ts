import { addDays, type TIsoDate } from '../shared/dates';
import type { TWorkstream } from '../shared/workstreams';
import type { TTaskKind } from './plan.schema';

/** Which side of the handover owns a template task. */
export type TTemplateOwner = 'outgoing' | 'incoming' | 'commissioner';

export interface TTemplateTask {
  key: string;
  title: string;
  workstream: TWorkstream;
  owner: TTemplateOwner;
  kind: TTaskKind;
  /** Days before the transfer date the task starts, and its length in days. */
  startsDaysBefore: number;
  durationDays: number;
  conditionPrecedent?: boolean;
  gateCriteria?: string;
  after?: string[];
}

/**
 * The standard plan any NHS service transfer needs, dated back from the transfer date. Leads then edit it;
 * the statutory dates (ELI 28 days before, consultation) are built into the offsets.
 */
export const STANDARD_TRANSFER_TEMPLATE: readonly TTemplateTask[] = [
  {
    key: 'mobilise',
    title: 'Mobilise transition board and agree governance',
    workstream: 'contracts_finance',
    owner: 'commissioner',
    kind: 'task',
    startsDaysBefore: 180,
    durationDays: 14,
  },
  {
    key: 'staff_list',
    title: 'Confirm in-scope staff list (assignment to the service)',
    workstream: 'workforce_tupe',
    owner: 'outgoing',
    kind: 'task',
    startsDaysBefore: 160,
    durationDays: 21,
    after: ['mobilise'],
  },
  {
    key: 'measures',
    title: 'Incoming provider sets out envisaged measures',
    workstream: 'workforce_tupe',
    owner: 'incoming',
    kind: 'task',
    startsDaysBefore: 120,
    durationDays: 14,
    after: ['staff_list'],
  },
  {
    key: 'consultation',
    title: 'Inform and consult staff representatives (TUPE reg. 13)',
    workstream: 'workforce_tupe',
    owner: 'outgoing',
    kind: 'task',
    startsDaysBefore: 100,
    durationDays: 56,
    after: ['measures'],
  },
  {
    key: 'eli',
    title: 'Send employee liability information (TUPE reg. 11, 28 days)',
    workstream: 'workforce_tupe',
    owner: 'outgoing',
    kind: 'milestone',
    startsDaysBefore: 35,
    durationDays: 7,
    after: ['staff_list'],
  },
  {
    key: 'pensions',
    title: 'Confirm NHS Pension Scheme access (New Fair Deal)',
    workstream: 'workforce_tupe',
    owner: 'incoming',
    kind: 'task',
    startsDaysBefore: 90,
    durationDays: 30,
    after: ['staff_list'],
  },
  {
    key: 'payroll',
    title: 'Set up payroll, ESR and contracts for transferring staff',
    workstream: 'workforce_tupe',
    owner: 'incoming',
    kind: 'task',
    startsDaysBefore: 42,
    durationDays: 35,
    after: ['staff_list'],
  },
  {
    key: 'sites',
    title: 'Schedule of sites and property routes agreed',
    workstream: 'estates_facilities',
    owner: 'commissioner',
    kind: 'task',
    startsDaysBefore: 150,
    durationDays: 21,
    after: ['mobilise'],
  },
  {
    key: 'landlord',
    title: 'Landlord consents and lease assignments or licences',
    workstream: 'estates_facilities',
    owner: 'outgoing',
    kind: 'task',
    startsDaysBefore: 120,
    durationDays: 90,
    after: ['sites'],
    conditionPrecedent: true,
  },
  {
    key: 'fm',
    title: 'Facilities management and utilities handed over',
    workstream: 'estates_facilities',
    owner: 'incoming',
    kind: 'task',
    startsDaysBefore: 30,
    durationDays: 28,
    after: ['landlord'],
  },
  {
    key: 'systems',
    title: 'Inventory of clinical systems, telephony, network and interfaces',
    workstream: 'it_data_records',
    owner: 'outgoing',
    kind: 'task',
    startsDaysBefore: 150,
    durationDays: 21,
    after: ['mobilise'],
  },
  {
    key: 'migration_plan',
    title: 'Data migration plan and trial extract',
    workstream: 'it_data_records',
    owner: 'incoming',
    kind: 'task',
    startsDaysBefore: 120,
    durationDays: 45,
    after: ['systems'],
  },
  {
    key: 'smartcards',
    title: 'Smartcards and access rights for transferring staff',
    workstream: 'it_data_records',
    owner: 'incoming',
    kind: 'task',
    startsDaysBefore: 45,
    durationDays: 30,
    after: ['staff_list'],
  },
  {
    key: 'final_extract',
    title: 'Final data extract and cutover',
    workstream: 'it_data_records',
    owner: 'outgoing',
    kind: 'task',
    startsDaysBefore: 5,
    durationDays: 4,
    after: ['migration_plan'],
  },
  {
    key: 'safety_case',
    title: 'Clinical safety case (DCB0160) signed off',
    workstream: 'it_data_records',
    owner: 'incoming',
    kind: 'milestone',
    startsDaysBefore: 30,
    durationDays: 21,
    after: ['migration_plan'],
    conditionPrecedent: true,
  },
  {
    key: 'dpia',
    title: 'DPIA and data sharing agreement signed',
    workstream: 'information_governance',
    owner: 'incoming',
    kind: 'task',
    startsDaysBefore: 100,
    durationDays: 45,
    after: ['systems'],
    conditionPrecedent: true,
  },
  {
    key: 'dspt',
    title: 'Data Security and Protection Toolkit standards met',
    workstream: 'information_governance',
    owner: 'incoming',
    kind: 'milestone',
    startsDaysBefore: 60,
    durationDays: 30,
    conditionPrecedent: true,
  },
  {
    key: 'caseload',
    title: 'Caseload and waiting-list validation and handover',
    workstream: 'clinical_safety_caseload',
    owner: 'outgoing',
    kind: 'task',
    startsDaysBefore: 60,
    durationDays: 44,
    after: ['staff_list'],
  },
  {
    key: 'clinical_handover',
    title: 'Clinical handover of high-risk patients',
    workstream: 'clinical_safety_caseload',
    owner: 'incoming',
    kind: 'task',
    startsDaysBefore: 14,
    durationDays: 10,
    after: ['caseload'],
  },
  {
    key: 'cqc',
    title: 'CQC registration variation for each location',
    workstream: 'cqc_registration',
    owner: 'incoming',
    kind: 'task',
    startsDaysBefore: 150,
    durationDays: 100,
    after: ['mobilise'],
    conditionPrecedent: true,
  },
  {
    key: 'subcontracts',
    title: 'Novate or re-let subcontracts (incl. VCSE)',
    workstream: 'contracts_finance',
    owner: 'commissioner',
    kind: 'task',
    startsDaysBefore: 120,
    durationDays: 60,
    after: ['mobilise'],
  },
  {
    key: 'baseline',
    title: 'Agree financial baseline and activity plan',
    workstream: 'contracts_finance',
    owner: 'commissioner',
    kind: 'task',
    startsDaysBefore: 140,
    durationDays: 45,
    after: ['mobilise'],
    conditionPrecedent: true,
  },
  {
    key: 'staff_comms',
    title: 'Staff communications and engagement sessions',
    workstream: 'communications_engagement',
    owner: 'incoming',
    kind: 'task',
    startsDaysBefore: 120,
    durationDays: 100,
    after: ['staff_list'],
  },
  {
    key: 'patient_comms',
    title: 'Patient, public and partner communications',
    workstream: 'communications_engagement',
    owner: 'commissioner',
    kind: 'task',
    startsDaysBefore: 45,
    durationDays: 40,
  },
  {
    key: 'go_no_go',
    title: 'Go/no-go decision',
    workstream: 'contracts_finance',
    owner: 'commissioner',
    kind: 'gate',
    startsDaysBefore: 3,
    durationDays: 1,
    gateCriteria:
      'All conditions precedent met; ELI received; CQC registration approved; safety case signed; no open extreme risks without a plan.',
    after: ['landlord', 'safety_case', 'dpia', 'dspt', 'cqc', 'baseline', 'payroll', 'clinical_handover'],
  },
  {
    key: 'go_live',
    title: 'Service transfers (go-live)',
    workstream: 'contracts_finance',
    owner: 'incoming',
    kind: 'milestone',
    startsDaysBefore: 0,
    durationDays: 0,
    after: ['go_no_go', 'final_extract', 'fm', 'smartcards'],
  },
];

export interface TTemplatePlanTask extends Omit<TTemplateTask, 'startsDaysBefore' | 'durationDays'> {
  startDate: TIsoDate;
  dueDate: TIsoDate;
}

/** The template's tasks dated for a transfer date. */
export function planFromTemplate(
  transferDate: TIsoDate,
  template: readonly TTemplateTask[] = STANDARD_TRANSFER_TEMPLATE,
): TTemplatePlanTask[] {
  return template.map(({ startsDaysBefore, durationDays, ...t }) => {
    const startDate = addDays(transferDate, -startsDaysBefore);
    return { ...t, startDate, dueDate: addDays(startDate, durationDays) };
  });
}
