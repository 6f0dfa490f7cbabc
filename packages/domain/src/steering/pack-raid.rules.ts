import { daysBetween, type TIsoDate } from '../shared/dates';
import {
  RAID_PRIORITIES,
  raidReference,
  type TRaidKind,
  type TRaidPriority,
  type TRaidStatus,
} from '../raid/raid.schema';
import type { TPackRaid, TPackRaidItem } from './pack.types';

/*
 * The pack's RAID section: open issues, most urgent first (critical before high..., then the oldest), and
 * open meeting actions by due date with the overdue ones counted. What counts as open is the RAID log's rule.
 */

export const PACK_RAID_LIMIT = 15;

export interface TRaidForPack {
  id: string;
  kind: TRaidKind;
  number: number;
  title: string;
  priority: TRaidPriority | null;
  status: TRaidStatus;
  owner: string | null;
  organisation: string;
  raisedOn: TIsoDate;
  dueOn: TIsoDate | null;
}

const rank = (p: TRaidPriority | null) => (p ? RAID_PRIORITIES.indexOf(p) + 1 : 0);

export function packRaid(open: readonly TRaidForPack[], today: TIsoDate): TPackRaid {
  const item = (i: TRaidForPack): TPackRaidItem => ({
    id: i.id,
    reference: raidReference(i.kind, i.number),
    title: i.title,
    priority: i.priority,
    status: i.status,
    owner: i.owner,
    organisation: i.organisation,
    dueOn: i.dueOn,
    daysOverdue: i.dueOn && i.dueOn < today ? daysBetween(i.dueOn, today) : 0,
  });
  const issues = open
    .filter((i) => i.kind === 'issue')
    .sort(
      (a, b) =>
        rank(b.priority) - rank(a.priority) || a.raisedOn.localeCompare(b.raisedOn) || a.number - b.number,
    )
    .map(item);
  const actions = open
    .filter((i) => i.kind === 'action')
    .sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.number - b.number)
    .map(item);
  return {
    asOf: today,
    issues: {
      total: issues.length,
      critical: issues.filter((i) => i.priority === 'critical').length,
      items: issues.slice(0, PACK_RAID_LIMIT),
    },
    actions: {
      total: actions.length,
      overdue: actions.filter((a) => a.daysOverdue > 0).length,
      items: actions.slice(0, PACK_RAID_LIMIT),
    },
  };
}
