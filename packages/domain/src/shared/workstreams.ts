/** The transition workstreams every NHS handover runs (DOMAIN.md, "Transition plans"). */
export const WORKSTREAMS = [
  'workforce_tupe',
  'estates_facilities',
  'it_data_records',
  'information_governance',
  'clinical_safety_caseload',
  'cqc_registration',
  'contracts_finance',
  'communications_engagement',
] as const;
export type TWorkstream = (typeof WORKSTREAMS)[number];
export const WORKSTREAM_LABELS: Record<TWorkstream, string> = {
  workforce_tupe: 'Workforce and TUPE',
  estates_facilities: 'Estates and facilities',
  it_data_records: 'IT, data migration and records',
  information_governance: 'Information governance',
  clinical_safety_caseload: 'Clinical safety, caseload and waiting lists',
  cqc_registration: 'CQC registration',
  contracts_finance: 'Contracts and finance',
  communications_engagement: 'Communications and engagement',
};
