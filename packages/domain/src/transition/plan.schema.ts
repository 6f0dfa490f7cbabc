import { z } from 'zod';
import { ZWorkstream } from '../shared/workstreams.schema';
import { ZCalendarDate, ZVersion, zInt, zLine, zLines } from '../shared/zod';

export const TRANSFER_STATUSES = ['planning', 'in_progress', 'ready', 'transferred', 'paused'] as const;
export const ZTransferStatus = z.enum(TRANSFER_STATUSES);
export type TTransferStatus = z.infer<typeof ZTransferStatus>;
export const TRANSFER_STATUS_LABELS: Record<TTransferStatus, string> = {
  planning: 'Planning',
  in_progress: 'In progress',
  ready: 'Ready to transfer',
  transferred: 'Transferred',
  paused: 'Paused',
};

export const TASK_KINDS = ['task', 'milestone', 'gate'] as const;
export const ZTaskKind = z.enum(TASK_KINDS);
export type TTaskKind = z.infer<typeof ZTaskKind>;

export const TASK_STATUSES = ['not_started', 'in_progress', 'blocked', 'done', 'cancelled'] as const;
export const ZTaskStatus = z.enum(TASK_STATUSES);
export type TTaskStatus = z.infer<typeof ZTaskStatus>;
export const TASK_STATUS_LABELS: Record<TTaskStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  blocked: 'Blocked',
  done: 'Done',
  cancelled: 'Cancelled',
};

export const ZTransferFields = z
  .object({
    name: zLine({ min: 3, max: 200, tooShort: 'Name the transfer' }),
    lotId: z.uuid({ error: 'Choose the lot' }),
    outgoingOrganisationId: z.uuid({ error: 'Choose the outgoing provider' }),
    incomingOrganisationId: z.uuid({ error: 'Choose the incoming provider' }),
    services: zLines({ max: 2000 }).default(''),
    plannedTransferDate: ZCalendarDate,
    status: ZTransferStatus.default('planning'),
    proposedRedundancies: zInt(0, 100_000).default(0),
    firstDismissalDate: ZCalendarDate.nullable().default(null),
    legacyAccessDays: zInt(0, 3650).default(90),
  })
  .refine((t) => t.outgoingOrganisationId !== t.incomingOrganisationId, {
    message: 'The incoming provider must differ from the outgoing provider',
    path: ['incomingOrganisationId'],
  })
  .refine((t) => t.proposedRedundancies < 20 || t.firstDismissalDate !== null, {
    message: 'With 20 or more proposed redundancies, give the planned first dismissal date',
    path: ['firstDismissalDate'],
  });
export const ZCreateTransferInput = z
  .object({ programmeId: z.uuid(), applyTemplate: z.boolean().default(true) })
  .and(ZTransferFields);
export type TCreateTransferInput = z.infer<typeof ZCreateTransferInput>;

export const ZTaskFields = z
  .object({
    title: zLine({ min: 3, max: 300, tooShort: 'Give the task a title' }),
    description: zLines({ max: 4000 }).default(''),
    workstream: ZWorkstream,
    kind: ZTaskKind.default('task'),
    owningOrganisationId: z.uuid({ error: 'Choose the organisation that owns this task' }),
    assigneeUserId: z.uuid().nullable().default(null),
    startDate: ZCalendarDate,
    dueDate: ZCalendarDate,
    status: ZTaskStatus.default('not_started'),
    percentComplete: zInt(0, 100, '0 to 100').default(0),
    evidence: zLines({ max: 4000 }).default(''),
    conditionPrecedent: z.boolean().default(false),
    gateCriteria: zLines({ max: 4000 }).default(''),
    gateCriteriaMet: z.boolean().default(false),
    /** When the work actually started (set when it starts, editable; never in the future). */
    actualStart: ZCalendarDate.nullable().default(null),
    /** When it was actually finished: set when it is marked done, editable (a condition met last Friday). */
    completedOn: ZCalendarDate.nullable().default(null),
    /** Three-point estimate for go-live confidence; the planned duration is the most likely. */
    optimisticDays: zInt(0, 3650, '0 to 3,650 days').nullable().default(null),
    pessimisticDays: zInt(0, 3650, '0 to 3,650 days').nullable().default(null),
  })
  .refine((t) => t.dueDate >= t.startDate, {
    message: 'The due date cannot be before the start date',
    path: ['dueDate'],
  })
  .refine((t) => !t.completedOn || !t.actualStart || t.completedOn >= t.actualStart, {
    message: 'The actual finish cannot be before the actual start',
    path: ['completedOn'],
  })
  .refine(
    (t) => t.optimisticDays === null || t.pessimisticDays === null || t.optimisticDays <= t.pessimisticDays,
    {
      message: 'The optimistic duration cannot be longer than the pessimistic one',
      path: ['pessimisticDays'],
    },
  );
export const ZCreateTaskInput = z.object({ programmeId: z.uuid(), transferId: z.uuid() }).and(ZTaskFields);
export type TCreateTaskInput = z.infer<typeof ZCreateTaskInput>;

export const ZUpdateTaskInput = z.object({
  programmeId: z.uuid(),
  taskId: z.uuid(),
  version: ZVersion,
  title: zLine({ min: 3, max: 300, tooShort: 'Give the task a title' }).optional(),
  description: zLines({ max: 4000 }).optional(),
  workstream: ZWorkstream.optional(),
  kind: ZTaskKind.optional(),
  owningOrganisationId: z.uuid().optional(),
  assigneeUserId: z.uuid().nullable().optional(),
  startDate: ZCalendarDate.optional(),
  dueDate: ZCalendarDate.optional(),
  status: ZTaskStatus.optional(),
  percentComplete: zInt(0, 100, '0 to 100').optional(),
  evidence: zLines({ max: 4000 }).optional(),
  conditionPrecedent: z.boolean().optional(),
  gateCriteria: zLines({ max: 4000 }).optional(),
  gateCriteriaMet: z.boolean().optional(),
  actualStart: ZCalendarDate.nullable().optional(),
  completedOn: ZCalendarDate.nullable().optional(),
  optimisticDays: zInt(0, 3650, '0 to 3,650 days').nullable().optional(),
  pessimisticDays: zInt(0, 3650, '0 to 3,650 days').nullable().optional(),
});
export type TUpdateTaskInput = z.infer<typeof ZUpdateTaskInput>;

export const ZDependencyInput = z.object({
  programmeId: z.uuid(),
  predecessorId: z.uuid(),
  successorId: z.uuid(),
  lagDays: zInt(-365, 365).default(0),
});
