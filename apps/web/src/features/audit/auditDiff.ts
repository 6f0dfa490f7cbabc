import {
  MEMBERSHIP_ROLE_LABELS,
  ORGANISATION_KIND_LABELS,
  PARTY_ROLE_LABELS,
  PROCUREMENT_ROUTE_LABELS,
  PROGRAMME_STAGE_LABELS,
} from '@baton/domain';
import { formatDate, formatMoneyExact, formatTimestamp } from '../../lib/format';

/** Bookkeeping fields that change on every save: not what a reader of the history wants to see. */
const IGNORED_KEYS = new Set([
  'updatedAt',
  'updated_at',
  'createdAt',
  'created_at',
  'version',
  'passwordHash',
  'password_hash',
]);

/** Internal identifiers (id, lotId, organisation_id): meaningless to a person; the summary names the thing. */
const isIdKey = (key: string) => key === 'id' || /Id$/.test(key) || /_id$/.test(key);

export interface DiffRow {
  key: string;
  label: string;
  before: unknown;
  after: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const KEY_LABELS: Record<string, string> = {
  contractValueGbp: 'Contract value',
  annualValueGbp: 'Annual value',
  contractTermMonths: 'Contract term (months)',
  expectedServiceCommencement: 'Expected service commencement',
  intentionToAwardDate: 'Intention to award',
  contractAwardDate: 'Contract award',
  longstopDate: 'Longstop date',
  procurementRoute: 'Procurement route',
  odsCode: 'ODS code',
  shortName: 'Short name',
};

/** "contractTermMonths" / "contract_term_months" -> "Contract term months" (or a nicer name where known). */
export function humaniseKey(key: string): string {
  if (KEY_LABELS[key]) return KEY_LABELS[key];
  const sentence = key
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** The keys whose values differ between before and after (all keys of whichever side exists, for create/delete). */
export function diffOf(before: unknown, after: unknown): DiffRow[] {
  if (!isRecord(before) && !isRecord(after)) {
    return JSON.stringify(before) === JSON.stringify(after)
      ? []
      : [{ key: 'value', label: 'Value', before, after }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => !IGNORED_KEYS.has(k) && !isIdKey(k),
  );
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ key: k, label: humaniseKey(k), before: b[k], after: a[k] }));
}

const ENUM_LABELS: Record<string, Record<string, string>> = {
  role: { ...PARTY_ROLE_LABELS, ...MEMBERSHIP_ROLE_LABELS },
  stage: PROGRAMME_STAGE_LABELS,
  procurementRoute: PROCUREMENT_ROUTE_LABELS,
  kind: ORGANISATION_KIND_LABELS,
};

/** A value from before/after, as a person would read it. */
export function displayValue(key: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'number') {
    return /Gbp$/.test(key) ? formatMoneyExact(value) : new Intl.NumberFormat('en-GB').format(value);
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') {
    const label = ENUM_LABELS[key]?.[value];
    if (label) return label;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return formatTimestamp(value);
    if (key === 'status') return value.charAt(0).toUpperCase() + value.slice(1);
    return value;
  }
  if (isRecord(value) && typeof value.name === 'string') {
    return typeof value.shortName === 'string' && value.shortName !== value.name
      ? `${value.name} (${value.shortName})`
      : value.name;
  }
  return JSON.stringify(value);
}
