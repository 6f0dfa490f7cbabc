import {
  ACTION_STATUS_LABELS,
  PROXIMITY_LABELS,
  RISK_STATUS_LABELS,
  riskReference,
  WORKSTREAM_LABELS,
  type TExpectedEffect,
  type TRiskMatrix,
} from '@baton/domain';
import type { TActionRow, TRiskRow } from '@baton/db';

/*
 * One description of the register's columns serves the XLSX sheet, the CSV and the importer's header
 * matching, so an exported file always maps straight back onto the fields it came from.
 */

/** Fields an imported column can feed. Scores, next review and escalation are derived, never imported. */
export const IMPORT_FIELDS = [
  'ref',
  'title',
  'description',
  'cause',
  'event',
  'effect',
  'category',
  'owner',
  'organisation',
  'status',
  'initialC',
  'initialL',
  'currentC',
  'currentL',
  'targetC',
  'targetL',
  'initialScore',
  'currentScore',
  'targetScore',
  'targetDate',
  'controls',
  'gaps',
  'actions',
  'raised',
  'lastReviewed',
  'proximity',
  'workstream',
  'lots',
] as const;
export type TImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELD_LABELS: Record<TImportField, string> = {
  ref: 'Ref',
  title: 'Title',
  description: 'Risk description',
  cause: 'Cause',
  event: 'Event',
  effect: 'Effect',
  category: 'Category',
  owner: 'Owner',
  organisation: 'Organisation',
  status: 'Status',
  initialC: 'Initial C',
  initialL: 'Initial L',
  currentC: 'Current C',
  currentL: 'Current L',
  targetC: 'Target C',
  targetL: 'Target L',
  initialScore: 'Initial score',
  currentScore: 'Current score',
  targetScore: 'Target score',
  targetDate: 'Target date',
  controls: 'Controls',
  gaps: 'Gaps',
  actions: 'Mitigation actions',
  raised: 'Date raised',
  lastReviewed: 'Last reviewed',
  proximity: 'Proximity',
  workstream: 'Workstream',
  lots: 'Lots',
};

export const EXPECTED_EFFECT_LABELS: Record<TExpectedEffect, string> = {
  likelihood: 'Reduces likelihood',
  consequence: 'Reduces consequence',
  both: 'Reduces likelihood and consequence',
};

/** A stored risk with what the export needs beside it. */
export interface TExportRisk {
  risk: TRiskRow;
  actions: TActionRow[];
}

export interface TExportLookups {
  matrix: TRiskMatrix;
  lotCodes: Map<string, string>;
}

export type TCellValue = string | number | null;
export type TColumnKind = 'text' | 'longText' | 'number' | 'score' | 'date';

export interface TRegisterColumn {
  header: string;
  /** Excel column width, in characters. */
  width: number;
  kind: TColumnKind;
  /** The import field this column round-trips to, if any. */
  field?: TImportField;
  value(r: TExportRisk, l: TExportLookups): TCellValue;
}

const EXCEL_CELL_LIMIT = 32_767;

/** "Cause: … Event: … Effect: …", each on its own line, leaving out empty parts (the event is required). */
export function describeRisk(r: { cause: string; event: string; effect: string }): string {
  return [r.cause && `Cause: ${r.cause}`, `Event: ${r.event}`, r.effect && `Effect: ${r.effect}`]
    .filter(Boolean)
    .join('\n');
}

/** "• description (org, owner, due 2026-12-01, In progress)", one action a line. */
export function describeActions(actions: readonly TActionRow[]): string {
  const text = actions
    .map((a) => {
      const who = [a.organisation.shortName, a.owner?.name].filter(Boolean).join(', ');
      return `• ${a.description} (${who}, due ${a.dueDate}, ${ACTION_STATUS_LABELS[a.status]})`;
    })
    .join('\n');
  return text.length > EXCEL_CELL_LIMIT ? `${text.slice(0, EXCEL_CELL_LIMIT - 1)}…` : text;
}

function categoryLabel(key: string, matrix: TRiskMatrix): string {
  return matrix.categories.find((c) => c.key === key)?.label ?? key;
}

export const REGISTER_COLUMNS: readonly TRegisterColumn[] = [
  { header: 'Ref', width: 9, kind: 'text', field: 'ref', value: ({ risk }) => riskReference(risk.number) },
  { header: 'Title', width: 34, kind: 'longText', field: 'title', value: ({ risk }) => risk.title },
  {
    header: 'Risk description',
    width: 60,
    kind: 'longText',
    value: ({ risk }) => describeRisk(risk),
  },
  { header: 'Cause', width: 36, kind: 'longText', field: 'cause', value: ({ risk }) => risk.cause },
  { header: 'Event', width: 36, kind: 'longText', field: 'event', value: ({ risk }) => risk.event },
  { header: 'Effect', width: 36, kind: 'longText', field: 'effect', value: ({ risk }) => risk.effect },
  {
    header: 'Category',
    width: 24,
    kind: 'text',
    field: 'category',
    value: ({ risk }, l) => categoryLabel(risk.categoryKey, l.matrix),
  },
  {
    header: 'Owner',
    width: 22,
    kind: 'text',
    field: 'owner',
    value: ({ risk }) => risk.owner?.name ?? risk.namedOwner,
  },
  {
    header: 'Organisation',
    width: 28,
    kind: 'text',
    field: 'organisation',
    value: ({ risk }) => risk.owningOrganisation.name,
  },
  {
    header: 'Status',
    width: 14,
    kind: 'text',
    field: 'status',
    value: ({ risk }) => RISK_STATUS_LABELS[risk.status],
  },
  {
    header: 'Initial C',
    width: 9,
    kind: 'number',
    field: 'initialC',
    value: ({ risk }) => risk.initial.consequence,
  },
  {
    header: 'Initial L',
    width: 9,
    kind: 'number',
    field: 'initialL',
    value: ({ risk }) => risk.initial.likelihood,
  },
  { header: 'Initial score', width: 10, kind: 'score', value: ({ risk }) => risk.initial.score },
  {
    header: 'Current C',
    width: 9,
    kind: 'number',
    field: 'currentC',
    value: ({ risk }) => risk.current.consequence,
  },
  {
    header: 'Current L',
    width: 9,
    kind: 'number',
    field: 'currentL',
    value: ({ risk }) => risk.current.likelihood,
  },
  { header: 'Current score', width: 10, kind: 'score', value: ({ risk }) => risk.current.score },
  {
    header: 'Target C',
    width: 9,
    kind: 'number',
    field: 'targetC',
    value: ({ risk }) => risk.target.consequence,
  },
  {
    header: 'Target L',
    width: 9,
    kind: 'number',
    field: 'targetL',
    value: ({ risk }) => risk.target.likelihood,
  },
  { header: 'Target score', width: 10, kind: 'score', value: ({ risk }) => risk.target.score },
  {
    header: 'Target date',
    width: 12,
    kind: 'date',
    field: 'targetDate',
    value: ({ risk }) => risk.targetDate,
  },
  { header: 'Controls', width: 40, kind: 'longText', field: 'controls', value: ({ risk }) => risk.controls },
  { header: 'Gaps', width: 36, kind: 'longText', field: 'gaps', value: ({ risk }) => risk.gaps },
  { header: 'Actions', width: 60, kind: 'longText', value: ({ actions }) => describeActions(actions) },
  {
    header: 'Last reviewed',
    width: 12,
    kind: 'date',
    field: 'lastReviewed',
    value: ({ risk }) => risk.lastReviewedOn,
  },
  { header: 'Next review', width: 12, kind: 'date', value: ({ risk }) => risk.nextReviewOn },
  { header: 'Escalated', width: 10, kind: 'text', value: ({ risk }) => (risk.escalated ? 'Yes' : 'No') },
  {
    header: 'Proximity',
    width: 15,
    kind: 'text',
    field: 'proximity',
    value: ({ risk }) => (risk.proximity ? PROXIMITY_LABELS[risk.proximity] : ''),
  },
  {
    header: 'Lots',
    width: 14,
    kind: 'text',
    field: 'lots',
    value: ({ risk }, l) =>
      risk.lotIds
        .map((id) => l.lotCodes.get(id) ?? '')
        .filter(Boolean)
        .sort()
        .join('; '),
  },
  {
    header: 'Workstream',
    width: 26,
    kind: 'text',
    field: 'workstream',
    value: ({ risk }) => (risk.workstream ? WORKSTREAM_LABELS[risk.workstream] : ''),
  },
];

export interface TActionColumn {
  header: string;
  width: number;
  kind: TColumnKind;
  value(a: TActionRow, riskNumber: number): TCellValue;
}

export const ACTION_COLUMNS: readonly TActionColumn[] = [
  { header: 'Risk ref', width: 9, kind: 'text', value: (_a, n) => riskReference(n) },
  { header: 'Description', width: 60, kind: 'longText', value: (a) => a.description },
  { header: 'Organisation', width: 28, kind: 'text', value: (a) => a.organisation.name },
  { header: 'Owner', width: 22, kind: 'text', value: (a) => a.owner?.name ?? '' },
  { header: 'Due', width: 12, kind: 'date', value: (a) => a.dueDate },
  { header: 'Status', width: 13, kind: 'text', value: (a) => ACTION_STATUS_LABELS[a.status] },
  {
    header: 'Expected effect',
    width: 22,
    kind: 'text',
    value: (a) => EXPECTED_EFFECT_LABELS[a.expectedEffect],
  },
  { header: 'Evidence', width: 40, kind: 'longText', value: (a) => a.evidence },
  { header: 'Completed', width: 12, kind: 'date', value: (a) => a.completedOn },
];
