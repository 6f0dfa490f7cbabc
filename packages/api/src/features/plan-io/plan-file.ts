import { ZCalendarDate, ZTaskKind, ZWorkstream } from '@baton/domain';
import { z } from 'zod';

/*
 * A plan read from a file (Microsoft Project XML or a spreadsheet), before anything in Baton is touched:
 * the neutral shape both readers produce and the preview and commit read. The browser sends it back with
 * the mapping the person chose, so it is validated again like any other input.
 */

export const MAX_PLAN_BYTES = 10 * 1024 * 1024;
export const MAX_PLAN_TASKS = 5000;
export const MAX_PLAN_LINKS = 20_000;
export const MAX_PLAN_RESOURCES = 500;

export const LINK_TYPES = ['FS', 'SS', 'FF', 'SF'] as const;
export const LINK_TYPE_LABELS: Record<(typeof LINK_TYPES)[number], string> = {
  FS: 'finish-to-start',
  SS: 'start-to-start',
  FF: 'finish-to-finish',
  SF: 'start-to-finish',
};

const text = (max: number) => z.string().max(max);

export const ZPlanFileTask = z.object({
  /** The file's own identity for the task (an MSPDI UID, a spreadsheet ID or row). */
  key: text(64).min(1),
  /** Where people find it in the file: the task ID in Project, the row number in a spreadsheet. */
  label: text(64),
  /** The Baton task this came from, when the file was exported by Baton (MSPDI GUID, "Baton ID" column). */
  batonId: z.guid().nullable(),
  title: text(300),
  /** The group it sits in: the top summary task in Project, the workstream column in a spreadsheet. */
  group: text(200).nullable(),
  /** What the file says it is (null: a task, or a milestone if it has no duration). */
  kind: ZTaskKind.nullable(),
  start: ZCalendarDate,
  finish: ZCalendarDate,
  percentComplete: z.number().int().min(0).max(100),
  actualStart: ZCalendarDate.nullable(),
  actualFinish: ZCalendarDate.nullable(),
  /** A Baton status carried by the file (Baton's own exports), used when it agrees with the progress. */
  status: z.enum(['not_started', 'in_progress', 'blocked', 'done', 'cancelled']).nullable(),
  /** Resource names assigned to the task, in the file's order. */
  resources: z.array(text(200)).max(20),
  notes: text(4000),
  /** Null: the file does not say. */
  conditionPrecedent: z.boolean().nullable(),
});
export type TPlanFileTask = z.infer<typeof ZPlanFileTask>;

export const ZPlanFileLink = z.object({
  predecessor: text(64).min(1),
  successor: text(64).min(1),
  type: z.enum(LINK_TYPES),
  lagDays: z.number().int().min(-365).max(365),
});
export type TPlanFileLink = z.infer<typeof ZPlanFileLink>;

export const ZPlanFileResource = z.object({
  name: text(200).min(1),
  /** An email address the file gives for the resource (Project's EmailAddress), to find the person. */
  email: text(320).nullable(),
  /** The resource's group in Project (Baton writes the organisation there for people). */
  group: text(200).nullable(),
});

export const ZPlanFile = z.object({
  format: z.enum(['mspdi', 'xlsx']),
  fileName: text(255),
  title: text(300),
  tasks: z.array(ZPlanFileTask).min(1).max(MAX_PLAN_TASKS),
  links: z.array(ZPlanFileLink).max(MAX_PLAN_LINKS),
  resources: z.array(ZPlanFileResource).max(MAX_PLAN_RESOURCES),
  /** What the reader could not keep, in words, e.g. links to summary tasks. */
  notes: z.array(text(500)).max(200),
});
export type TPlanFile = z.infer<typeof ZPlanFile>;

/** How the file's names become Baton's: resources to organisations and people, groups to workstreams. */
export const ZPlanMapping = z.object({
  resources: z
    .record(text(200), z.object({ organisationId: z.uuid().nullable(), userId: z.uuid().nullable() }))
    .refine((r) => Object.keys(r).length <= MAX_PLAN_RESOURCES, 'Too many resources'),
  groups: z
    .record(text(200), ZWorkstream)
    .refine((r) => Object.keys(r).length <= MAX_PLAN_TASKS, 'Too many groups'),
  /** Tasks with no mapped organisation are owned by this one. */
  defaultOrganisationId: z.uuid({ error: 'Choose the organisation that owns tasks with no resource' }),
  /** Tasks in no mapped group go in this workstream. */
  defaultWorkstream: ZWorkstream,
  /** Task keys the person chose to leave out. */
  excludedKeys: z.array(text(64)).max(MAX_PLAN_TASKS).default([]),
});
export type TPlanMapping = z.infer<typeof ZPlanMapping>;

export class PlanFileError extends Error {}
