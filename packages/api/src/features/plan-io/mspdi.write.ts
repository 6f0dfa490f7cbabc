import { WORKSTREAM_LABELS, WORKSTREAMS, type TIsoDate, type TWorkstream } from '@baton/domain';
import type { TTaskRow } from '@baton/db';
import { XMLBuilder } from 'fast-xml-parser';
import { LAG_FORMAT, MSPDI_FIELDS, MSPDI_LINK_TYPE, START_NO_EARLIER_THAN } from './mspdi.fields';

/*
 * A transfer's plan as Microsoft Project XML (MSPDI), for Project, ProjectLibre and GanttProject: a summary
 * task per workstream, every task with its dates, progress, actuals and baseline, finish-to-start links
 * with their lag, and the owning organisations and assignees as resources. Each task's GUID is its Baton
 * id, so a file exported, edited in Project and imported again updates the same tasks.
 */

export interface TMspdiPlan {
  title: string;
  transferDate: TIsoDate;
  /** When the file was made, as Project records it. */
  createdAt: Date;
  tasks: readonly TTaskRow[];
  dependencies: ReadonlyArray<{ predecessorId: string; successorId: string; lagDays: number }>;
  /** The latest baseline's dates by task id, if there is one. */
  baseline: ReadonlyMap<string, { startDate: TIsoDate; dueDate: TIsoDate }>;
}

const MINUTES_PER_DAY = 480;
const at = (d: TIsoDate, time: '08:00:00' | '17:00:00') => `${d}T${time}`;

/** Working days from start to finish, both counted, Monday to Friday. */
export function workingDays(start: TIsoDate, finish: TIsoDate): number {
  let n = 0;
  const d = new Date(`${start}T00:00:00Z`);
  const end = new Date(`${finish}T00:00:00Z`);
  while (d <= end && n < 100_000) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) n++;
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return n;
}

const duration = (start: TIsoDate, finish: TIsoDate, milestone: boolean) =>
  milestone ? 'PT0H0M0S' : `PT${Math.max(1, workingDays(start, finish)) * 8}H0M0S`;

const isEvent = (t: TTaskRow) => t.kind !== 'task' && t.startDate === t.dueDate;

/** The standard calendar: Monday to Friday, 08:00-12:00 and 13:00-17:00. */
const standardCalendar = {
  UID: 1,
  Name: 'Standard',
  IsBaseCalendar: 1,
  BaseCalendarUID: -1,
  WeekDays: {
    WeekDay: [1, 2, 3, 4, 5, 6, 7].map((day) =>
      day === 1 || day === 7
        ? { DayType: day, DayWorking: 0 }
        : {
            DayType: day,
            DayWorking: 1,
            WorkingTimes: {
              WorkingTime: [
                { FromTime: '08:00:00', ToTime: '12:00:00' },
                { FromTime: '13:00:00', ToTime: '17:00:00' },
              ],
            },
          },
    ),
  },
};

export function mspdiOf(plan: TMspdiPlan): string {
  const tasks = [...plan.tasks].filter((t) => t.status !== 'cancelled');
  const byWorkstream = new Map<TWorkstream, TTaskRow[]>();
  for (const w of WORKSTREAMS) byWorkstream.set(w, []);
  for (const t of tasks) byWorkstream.get(t.workstream)!.push(t);

  // Resources: each owning organisation, then each assignee (grouped under their organisation).
  const resources: Array<{ uid: number; name: string; group: string; key: string }> = [];
  const resourceUid = new Map<string, number>();
  const addResource = (key: string, name: string, group: string) => {
    if (resourceUid.has(key)) return;
    const uid = resources.length + 1;
    resources.push({ uid, name, group, key });
    resourceUid.set(key, uid);
  };
  for (const t of tasks)
    addResource(`org:${t.owningOrganisation.id}`, t.owningOrganisation.shortName, 'Organisation');
  for (const t of tasks)
    if (t.assignee) addResource(`user:${t.assignee.id}`, t.assignee.name, t.owningOrganisation.shortName);

  const uidOf = new Map<string, number>();
  const rows: Record<string, unknown>[] = [];
  let id = 0;
  const starts = tasks.map((t) => t.startDate).sort();
  const finishes = tasks.map((t) => t.dueDate).sort();
  const projectStart = starts[0] ?? plan.transferDate;
  const projectFinish = finishes.at(-1) ?? plan.transferDate;
  rows.push({
    UID: 0,
    ID: 0,
    Name: plan.title,
    OutlineNumber: 0,
    OutlineLevel: 0,
    Summary: 1,
    Start: at(projectStart, '08:00:00'),
    Finish: at(projectFinish, '17:00:00'),
  });
  // Every task's UID first (workstream summaries take the numbers before their tasks), so a link can name
  // a predecessor in any workstream.
  let uid = 0;
  for (const list of byWorkstream.values()) {
    if (!list.length) continue;
    uid++;
    list.sort((a, b) => a.startDate.localeCompare(b.startDate) || a.title.localeCompare(b.title));
    for (const t of list) uidOf.set(t.id, ++uid);
  }
  let summaryUid = 0;
  let wsNo = 0;
  for (const [workstream, list] of byWorkstream) {
    if (!list.length) continue;
    wsNo++;
    const wsStart = list.map((t) => t.startDate).sort()[0]!;
    const wsFinish = list
      .map((t) => t.dueDate)
      .sort()
      .at(-1)!;
    summaryUid = list.length ? uidOf.get(list[0]!.id)! - 1 : summaryUid;
    rows.push({
      UID: summaryUid,
      ID: ++id,
      Name: WORKSTREAM_LABELS[workstream],
      WBS: String(wsNo),
      OutlineNumber: String(wsNo),
      OutlineLevel: 1,
      Start: at(wsStart, '08:00:00'),
      Finish: at(wsFinish, '17:00:00'),
      Duration: duration(wsStart, wsFinish, false),
      DurationFormat: 7,
      Summary: 1,
      Milestone: 0,
    });
    list.forEach((t, i) => {
      const event = isEvent(t);
      const base = plan.baseline.get(t.id);
      const preds = plan.dependencies.filter((d) => d.successorId === t.id && uidOf.has(d.predecessorId));
      const links = preds.map((d) => ({
        PredecessorUID: uidOf.get(d.predecessorId)!,
        Type: MSPDI_LINK_TYPE.FS,
        CrossProject: 0,
        LinkLag: d.lagDays * 1440 * 10,
        LagFormat: LAG_FORMAT.elapsedDays,
      }));
      rows.push({
        UID: uidOf.get(t.id),
        GUID: t.id,
        ID: ++id,
        Name: t.title,
        WBS: `${wsNo}.${i + 1}`,
        OutlineNumber: `${wsNo}.${i + 1}`,
        OutlineLevel: 2,
        Start: at(t.startDate, '08:00:00'),
        Finish: at(t.dueDate, event ? '08:00:00' : '17:00:00'),
        Duration: duration(t.startDate, t.dueDate, event),
        DurationFormat: 7,
        Milestone: event ? 1 : 0,
        Summary: 0,
        PercentComplete: t.status === 'done' ? 100 : t.percentComplete,
        ...(t.actualStart ? { ActualStart: at(t.actualStart, '08:00:00') } : {}),
        ...(t.completedOn ? { ActualFinish: at(t.completedOn, '17:00:00') } : {}),
        ConstraintType: START_NO_EARLIER_THAN,
        ConstraintDate: at(t.startDate, '08:00:00'),
        ...(t.description ? { Notes: t.description } : {}),
        ...(links.length ? { PredecessorLink: links } : {}),
        ExtendedAttribute: [
          { FieldID: MSPDI_FIELDS.kind.fieldId, Value: t.kind },
          { FieldID: MSPDI_FIELDS.status.fieldId, Value: t.status },
          { FieldID: MSPDI_FIELDS.workstream.fieldId, Value: WORKSTREAM_LABELS[t.workstream] },
          { FieldID: MSPDI_FIELDS.conditionPrecedent.fieldId, Value: t.conditionPrecedent ? 1 : 0 },
        ],
        ...(base
          ? {
              Baseline: {
                Number: 0,
                Start: at(base.startDate, '08:00:00'),
                Finish: at(base.dueDate, event ? '08:00:00' : '17:00:00'),
                Duration: duration(base.startDate, base.dueDate, event),
              },
            }
          : {}),
      });
    });
  }
  const assignments: Record<string, unknown>[] = [];
  for (const t of tasks) {
    const owners = [resourceUid.get(`org:${t.owningOrganisation.id}`)!];
    if (t.assignee) owners.push(resourceUid.get(`user:${t.assignee.id}`)!);
    for (const r of owners)
      assignments.push({
        UID: assignments.length + 1,
        TaskUID: uidOf.get(t.id),
        ResourceUID: r,
        Units: 1,
        PercentWorkComplete: t.status === 'done' ? 100 : t.percentComplete,
      });
  }

  const project = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8', '@_standalone': 'yes' },
    Project: {
      '@_xmlns': 'http://schemas.microsoft.com/project',
      SaveVersion: 14,
      Name: `${plan.title}.xml`,
      Title: plan.title,
      CreationDate: plan.createdAt.toISOString().slice(0, 19),
      ScheduleFromStart: 1,
      StartDate: at(projectStart, '08:00:00'),
      FinishDate: at(projectFinish, '17:00:00'),
      CalendarUID: 1,
      DefaultStartTime: '08:00:00',
      DefaultFinishTime: '17:00:00',
      MinutesPerDay: MINUTES_PER_DAY,
      MinutesPerWeek: MINUTES_PER_DAY * 5,
      DaysPerMonth: 20,
      DurationFormat: 7,
      WorkFormat: 2,
      WeekStartDay: 1,
      ExtendedAttributes: {
        ExtendedAttribute: Object.values(MSPDI_FIELDS).map((f) => ({
          FieldID: f.fieldId,
          FieldName: f.fieldName,
          Alias: f.alias,
        })),
      },
      Calendars: { Calendar: standardCalendar },
      Tasks: { Task: rows },
      Resources: {
        Resource: [
          { UID: 0, ID: 0, Name: 'Unassigned', Type: 1, IsNull: 0 },
          ...resources.map((r) => ({ UID: r.uid, ID: r.uid, Name: r.name, Type: 1, Group: r.group })),
        ],
      },
      Assignments: { Assignment: assignments },
    },
  };
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
  });
  return builder.build(project) as string;
}
