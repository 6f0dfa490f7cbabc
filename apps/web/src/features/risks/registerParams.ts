import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { RISK_STATUSES, type TRiskStatus } from '@baton/domain';
import type { HeatMapKind, RiskFilter, RiskSort, SortDirection } from './types';

/*
 * The register's view lives in the URL so a filtered view can be shared or bookmarked:
 *   ?band=high,extreme&category=finance&owner=<uuid>&org=<uuid>&status=open,draft&q=tupe
 *   &review=overdue&escalated=1&tolerance=1&actions=overdue&cell=current:4:3&sort=score&dir=desc
 * Anything missing takes the default (status open and draft, sorted by current score, highest first).
 */

export const SORTS = [
  'score',
  'reference',
  'title',
  'nextReview',
  'updated',
  'category',
] as const satisfies readonly RiskSort[];
export const DEFAULT_STATUSES: TRiskStatus[] = ['open', 'draft'];
export const HEAT_MAP_KINDS = ['current', 'initial', 'target'] as const satisfies readonly HeatMapKind[];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY = /^[a-z][a-z0-9_]{0,39}$/;

export interface RegisterView {
  filter: RiskFilter;
  sort: RiskSort;
  direction: SortDirection;
  /** Which assessment the heat map shows. */
  heatKind: HeatMapKind;
  /** True when only the default filter applies (nothing to clear). */
  isDefault: boolean;
}

const list = (sp: URLSearchParams, name: string, valid: (v: string) => boolean, max: number) =>
  (sp.get(name) ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v && valid(v))
    .slice(0, max);

export function parseRegisterView(sp: URLSearchParams): RegisterView {
  const filter: RiskFilter = {};
  const bands = list(sp, 'band', (v) => /^[a-z][a-z0-9_]{0,23}$/.test(v), 6);
  if (bands.length) filter.bandKeys = bands;
  const categories = list(sp, 'category', (v) => KEY.test(v), 30);
  if (categories.length) filter.categoryKeys = categories;
  const owners = list(sp, 'owner', (v) => UUID.test(v), 50);
  if (owners.length) filter.ownerUserIds = owners;
  const orgs = list(sp, 'org', (v) => UUID.test(v), 50);
  if (orgs.length) filter.organisationIds = orgs;
  const status = sp.get('status');
  if (status !== 'all') {
    const statuses = list(sp, 'status', (v) => (RISK_STATUSES as readonly string[]).includes(v), 4);
    filter.statuses = statuses.length ? (statuses as TRiskStatus[]) : DEFAULT_STATUSES;
  }
  if (sp.get('review') === 'overdue') filter.overdueReview = true;
  if (sp.get('escalated') === '1') filter.escalated = true;
  if (sp.get('tolerance') === '1') filter.aboveTolerance = true;
  if (sp.get('actions') === 'overdue') filter.overdueActions = true;
  const q = sp.get('q')?.trim();
  if (q) filter.search = q.slice(0, 200);
  const cell = /^(current|initial|target):([1-5]):([1-5])$/.exec(sp.get('cell') ?? '');
  if (cell) {
    filter.cell = {
      kind: cell[1] as HeatMapKind,
      consequence: Number(cell[2]),
      likelihood: Number(cell[3]),
    };
  }
  const sortParam = sp.get('sort');
  const sort = (SORTS as readonly string[]).includes(sortParam ?? '') ? (sortParam as RiskSort) : 'score';
  const direction: SortDirection =
    sp.get('dir') === 'asc' ? 'asc' : sp.get('dir') === 'desc' ? 'desc' : defaultDirection(sort);
  const heatParam = sp.get('heat');
  const heatKind = (HEAT_MAP_KINDS as readonly string[]).includes(heatParam ?? '')
    ? (heatParam as HeatMapKind)
    : (filter.cell?.kind ?? 'current');
  const isDefault = FILTER_PARAMS.every((k) => !sp.has(k));
  return { filter, sort, direction, heatKind, isDefault };
}

/** Scores read highest first; names, references and dates read in their natural order. */
export function defaultDirection(sort: RiskSort): SortDirection {
  return sort === 'score' || sort === 'updated' ? 'desc' : 'asc';
}

/** The URL parameters that filter (not sort or view): what "Clear filters" removes. */
export const FILTER_PARAMS = [
  'band',
  'category',
  'owner',
  'org',
  'status',
  'review',
  'escalated',
  'tolerance',
  'actions',
  'q',
  'cell',
] as const;

export type RegisterParamPatch = Partial<
  Record<(typeof FILTER_PARAMS)[number] | 'sort' | 'dir' | 'heat', string | null>
>;

/** The register's view from the URL, and a way to change it (null removes a parameter). */
/** The register's first page of risks for a view: one definition for the page and for the early prefetch. */
export const REGISTER_PAGE_SIZE = 50;
export function registerListInput(programmeId: string, view: RegisterView) {
  return {
    programmeId,
    filter: view.filter,
    sort: view.sort,
    direction: view.direction,
    limit: REGISTER_PAGE_SIZE,
  };
}

export function useRegisterView() {
  const [searchParams, setSearchParams] = useSearchParams();
  const view = useMemo(() => parseRegisterView(searchParams), [searchParams]);
  const update = useCallback(
    (patch: RegisterParamPatch, options: { replace?: boolean } = {}) => {
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === null || v === undefined || v === '') next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: options.replace ?? false },
      );
    },
    [setSearchParams],
  );
  const clearFilters = useCallback(() => {
    update(Object.fromEntries(FILTER_PARAMS.map((k) => [k, null])));
  }, [update]);
  return { view, update, clearFilters, searchParams };
}

/** "status=open,draft" from a list (or null when the list is the default). */
export function listParam(values: readonly string[]): string | null {
  return values.length ? values.join(',') : null;
}
