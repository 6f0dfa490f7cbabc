import { z } from 'zod';
import { withoutDefaults, ZCalendarDate, ZVersion, zLine, zLines } from '../shared/zod';

/*
 * The RAID log beside the risk register: issues (a risk that has happened, or a problem raised directly),
 * assumptions the plan rests on, decisions the steering group took, and actions agreed at meetings. Each item
 * belongs to one organisation, exactly as a risk does, so a bidder sees only its own.
 */

export const RAID_KINDS = ['issue', 'assumption', 'decision', 'action'] as const;
export type TRaidKind = (typeof RAID_KINDS)[number];

export const RAID_KIND_LABELS: Record<TRaidKind, { one: string; many: string; prefix: string }> = {
  issue: { one: 'Issue', many: 'Issues', prefix: 'ISS' },
  assumption: { one: 'Assumption', many: 'Assumptions', prefix: 'ASM' },
  decision: { one: 'Decision', many: 'Decisions', prefix: 'DEC' },
  action: { one: 'Meeting action', many: 'Meeting actions', prefix: 'ACT' },
};

/** Each kind's own life cycle; the first status is where a new item starts, `done` ones are finished. */
export const RAID_STATUSES = {
  issue: ['open', 'in_progress', 'resolved', 'closed'],
  assumption: ['open', 'validated', 'invalid'],
  // A decision's status is the group's outcome on it.
  decision: ['agreed', 'amended', 'deferred', 'rejected'],
  action: ['open', 'done', 'cancelled'],
} as const satisfies Record<TRaidKind, readonly string[]>;

export const ALL_RAID_STATUSES = [
  'open',
  'in_progress',
  'resolved',
  'closed',
  'validated',
  'invalid',
  'agreed',
  'amended',
  'deferred',
  'rejected',
  'done',
  'cancelled',
] as const;
export type TRaidStatus = (typeof ALL_RAID_STATUSES)[number];

export const RAID_STATUS_LABELS: Record<TRaidStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  resolved: 'Resolved',
  closed: 'Closed',
  validated: 'Validated',
  invalid: 'Found invalid',
  agreed: 'Agreed',
  amended: 'Agreed as amended',
  deferred: 'Deferred',
  rejected: 'Rejected',
  done: 'Done',
  cancelled: 'Cancelled',
};

/** Statuses that still need someone to act: what counts as "open" in the log, the workspace and the pack. */
const OPEN: ReadonlySet<TRaidStatus> = new Set(['open', 'in_progress']);
export const isRaidOpen = (status: TRaidStatus) => OPEN.has(status);

export const RAID_PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type TRaidPriority = (typeof RAID_PRIORITIES)[number];
export const RAID_PRIORITY_LABELS: Record<TRaidPriority, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export const raidReference = (kind: TRaidKind, n: number) =>
  `${RAID_KIND_LABELS[kind].prefix}-${String(n).padStart(3, '0')}`;

export const ZRaidKind = z.enum(RAID_KINDS, { error: 'Choose issue, assumption, decision or action' });
export const ZRaidStatus = z.enum(ALL_RAID_STATUSES, { error: 'Choose a status from the list' });
export const ZRaidPriority = z.enum(RAID_PRIORITIES, { error: 'Choose low, medium, high or critical' });

export const ZRaidFields = z.object({
  title: zLine({
    min: 3,
    max: 300,
    tooShort: 'Give the item a title of at least 3 characters',
    tooLong: 'Keep the title under 300 characters',
  }),
  description: zLines({ max: 10_000, tooLong: 'Keep the description under 10,000 characters' }).default(''),
  owningOrganisationId: z.uuid({ error: 'Choose the organisation that owns this item' }),
  ownerUserId: z.uuid({ error: 'Choose the owner from the members list' }).nullable().default(null),
  status: ZRaidStatus.optional(),
  priority: ZRaidPriority.nullable().default(null),
  /** Issue: what it does to the programme. Assumption: what happens if it proves wrong. */
  impact: zLines({ max: 5_000, tooLong: 'Keep the impact under 5,000 characters' }).default(''),
  /** Issue: how it was resolved. Decision: the rationale and any amendment. Assumption: how it was checked. */
  resolution: zLines({ max: 5_000, tooLong: 'Keep this under 5,000 characters' }).default(''),
  raisedOn: ZCalendarDate.optional(),
  /** Issue: target resolution date. Action: due date. Assumption: validate by. */
  dueOn: ZCalendarDate.nullable().default(null),
  /** When it was resolved, done, validated or decided. */
  closedOn: ZCalendarDate.nullable().default(null),
  riskId: z.uuid({ error: 'Choose a risk from the register' }).nullable().default(null),
  meetingId: z.uuid({ error: 'Choose a meeting from the list' }).nullable().default(null),
  /** Decision: who took it ("Transition steering group", "SRO"). */
  decidedBy: zLine({ max: 200, tooLong: 'Keep this under 200 characters' }).default(''),
});
export type TRaidFields = z.infer<typeof ZRaidFields>;

export const ZCreateRaidInput = ZRaidFields.extend({ programmeId: z.uuid(), kind: ZRaidKind });
export type TCreateRaidInput = z.infer<typeof ZCreateRaidInput>;

export const ZUpdateRaidInput = z.object(withoutDefaults(ZRaidFields.shape)).partial().extend({
  programmeId: z.uuid(),
  raidId: z.uuid(),
  version: ZVersion,
});
export type TUpdateRaidInput = z.infer<typeof ZUpdateRaidInput>;

export const ZRaidListInput = z.object({
  programmeId: z.uuid(),
  kind: ZRaidKind.optional(),
  /** open: only items still needing action. */
  state: z.enum(['open', 'all']).default('all'),
  search: zLine({ max: 200, tooLong: 'Keep the search under 200 characters' }).optional(),
});
export type TRaidListInput = z.infer<typeof ZRaidListInput>;

/** Does this status belong to this kind's life cycle? */
export const statusFitsKind = (kind: TRaidKind, status: TRaidStatus) =>
  (RAID_STATUSES[kind] as readonly string[]).includes(status);

/** The rules a RAID item obeys beyond its fields' shapes; each message names the field to correct. */
export function raidProblems(
  kind: TRaidKind,
  f: {
    status: TRaidStatus;
    raisedOn: string;
    dueOn: string | null;
    closedOn: string | null;
    priority: string | null;
  },
  today: string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!statusFitsKind(kind, f.status))
    out.status = [
      `A ${RAID_KIND_LABELS[kind].one.toLowerCase()} is one of: ${RAID_STATUSES[kind].map((s) => RAID_STATUS_LABELS[s]).join(', ')}`,
    ];
  if (f.raisedOn > today) out.raisedOn = ['An item cannot be raised in the future'];
  if (f.dueOn && f.dueOn < f.raisedOn) out.dueOn = ['The due date cannot be before the date raised'];
  if (f.closedOn && f.closedOn < f.raisedOn) out.closedOn = ['It cannot be closed before it was raised'];
  if (f.closedOn && f.closedOn > today) out.closedOn = ['Use today or an earlier date'];
  if (kind !== 'issue' && f.priority !== null) out.priority = ['Only issues have a priority'];
  return out;
}
