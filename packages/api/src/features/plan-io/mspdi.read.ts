import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ZCalendarDate } from '@baton/domain';
import { ELAPSED_LAG_FORMATS, LAG_FORMAT, MSPDI_FIELDS, MSPDI_LINK_TYPE } from './mspdi.fields';
import {
  LINK_TYPES,
  MAX_PLAN_LINKS,
  MAX_PLAN_RESOURCES,
  MAX_PLAN_TASKS,
  PlanFileError,
  type TPlanFile,
  type TPlanFileLink,
  type TPlanFileTask,
} from './plan-file';

/*
 * Reads a Microsoft Project XML file (MSPDI, as Project, ProjectLibre and GanttProject save it). The file
 * is untrusted: a document type or entity declaration is refused before parsing (no entity expansion, no
 * external fetches), the XML must be well formed, and sizes are bounded.
 */

type Node = Record<string, unknown>;

const ARRAYS = new Set([
  'Project.Tasks.Task',
  'Project.Tasks.Task.PredecessorLink',
  'Project.Tasks.Task.ExtendedAttribute',
  'Project.Resources.Resource',
  'Project.Assignments.Assignment',
]);

function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

const str = (v: unknown): string =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
const int = (v: unknown): number | null => {
  const n = Number.parseInt(str(v), 10);
  return Number.isFinite(n) ? n : null;
};
const flag = (v: unknown) => str(v) === '1' || str(v).toLowerCase() === 'true';

function dateOf(v: unknown): string | null {
  const s = str(v).slice(0, 10);
  return ZCalendarDate.safeParse(s).success ? s : null;
}

/** A lag in whole calendar days: elapsed units as they are, working units at the project's hours per day. */
export function lagDaysOf(linkLag: number, lagFormat: number | null, minutesPerDay: number): number {
  const minutes = linkLag / 10;
  if (lagFormat === LAG_FORMAT.percent || lagFormat === LAG_FORMAT.elapsedPercent) return 0;
  const days = ELAPSED_LAG_FORMATS.has(lagFormat ?? 0) ? minutes / 1440 : minutes / minutesPerDay;
  return Math.round(days);
}

const UUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

export function isMspdi(bytes: Uint8Array): boolean {
  const head = decode(bytes.subarray(0, 2048)).trimStart();
  return head.startsWith('<') && /<Project[\s>]/.test(head);
}

export function readMspdi(bytes: Uint8Array, fileName: string): TPlanFile {
  const text = decode(bytes);
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw new PlanFileError(
      'The file declares a document type or entities, which Baton does not read. Save it again from Microsoft Project as “XML Format”.',
    );
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw new PlanFileError(
      `The file is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}). Save it again from Microsoft Project as “XML Format”.`,
    );
  const parser = new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    parseTagValue: false,
    processEntities: true,
    htmlEntities: false,
    isArray: (_name, jpath) => ARRAYS.has(String(jpath)),
  });
  const doc = parser.parse(text) as Node;
  const project = doc.Project as Node | undefined;
  if (!project || typeof project !== 'object')
    throw new PlanFileError(
      'This is not a Microsoft Project XML file: it has no <Project> element. In Project, use File > Save As > XML Format.',
    );
  const rawTasks = ((project.Tasks as Node | undefined)?.Task as Node[] | undefined) ?? [];
  if (rawTasks.length > MAX_PLAN_TASKS + 1)
    throw new PlanFileError(
      `The plan has more than ${MAX_PLAN_TASKS.toLocaleString('en-GB')} tasks; split it into smaller files.`,
    );
  const minutesPerDay = int(project.MinutesPerDay) || 480;
  const notes: string[] = [];

  // Outline: each task's chain of summary ancestors, from the IDs' order and outline levels.
  const ordered = rawTasks
    .filter((t) => int(t.UID) !== 0 && !flag(t.IsNull))
    .sort((a, b) => (int(a.ID) ?? 0) - (int(b.ID) ?? 0));
  const stack: Array<{ level: number; name: string }> = [];
  const ancestry = new Map<Node, string[]>();
  for (const t of ordered) {
    const level = int(t.OutlineLevel) ?? 1;
    while (stack.length && stack.at(-1)!.level >= level) stack.pop();
    ancestry.set(
      t,
      stack.map((s) => s.name),
    );
    if (flag(t.Summary)) stack.push({ level, name: str(t.Name) });
  }
  const topSummaries = new Set(ordered.filter((t) => flag(t.Summary) && (int(t.OutlineLevel) ?? 1) === 1));
  // One summary over the whole plan says nothing about workstreams: look one level below it.
  const depth = topSummaries.size === 1 ? 1 : 0;

  const summaryUids = new Set(ordered.filter((t) => flag(t.Summary)).map((t) => str(t.UID)));
  const field = (t: Node, id: string) =>
    ((t.ExtendedAttribute as Node[] | undefined) ?? []).find((a) => str(a.FieldID) === id)?.Value;

  const tasks: TPlanFileTask[] = [];
  const byUid = new Map<string, TPlanFileTask>();
  for (const t of ordered) {
    if (flag(t.Summary)) continue;
    const uid = str(t.UID);
    const label = str(t.ID) || uid;
    const name = str(t.Name) || `Task ${label}`;
    const start = dateOf(t.Start);
    const finish = dateOf(t.Finish) ?? start;
    if (!start || !finish) {
      notes.push(`Task ${label} “${name}” has no start date and was left out.`);
      continue;
    }
    const kindField = str(field(t, MSPDI_FIELDS.kind.fieldId)).toLowerCase();
    const statusField = str(field(t, MSPDI_FIELDS.status.fieldId)).toLowerCase();
    const chain = ancestry.get(t) ?? [];
    const guid = UUID.exec(str(t.GUID))?.[1]?.toLowerCase() ?? null;
    const task: TPlanFileTask = {
      key: uid,
      label: `Task ${label}`,
      batonId: guid,
      title: name.slice(0, 300),
      group: str(field(t, MSPDI_FIELDS.workstream.fieldId)) || (chain[depth] ?? chain[0] ?? null),
      kind:
        kindField === 'gate' || kindField === 'milestone' || kindField === 'task'
          ? kindField
          : flag(t.Milestone)
            ? 'milestone'
            : null,
      start,
      finish: finish < start ? start : finish,
      percentComplete: Math.min(100, Math.max(0, int(t.PercentComplete) ?? 0)),
      actualStart: dateOf(t.ActualStart),
      actualFinish: dateOf(t.ActualFinish),
      status:
        (['not_started', 'in_progress', 'blocked', 'done', 'cancelled'] as const).find(
          (s) => s === statusField,
        ) ?? null,
      resources: [],
      notes: str(t.Notes).slice(0, 4000),
      conditionPrecedent:
        field(t, MSPDI_FIELDS.conditionPrecedent.fieldId) === undefined
          ? null
          : flag(field(t, MSPDI_FIELDS.conditionPrecedent.fieldId)),
    };
    tasks.push(task);
    byUid.set(uid, task);
  }
  if (!tasks.length)
    throw new PlanFileError('The file has no tasks to import (only summary tasks, or none).');

  const links: TPlanFileLink[] = [];
  let summaryLinks = 0;
  let percentLags = 0;
  for (const t of ordered) {
    for (const l of (t.PredecessorLink as Node[] | undefined) ?? []) {
      const pred = str(l.PredecessorUID);
      const succ = str(t.UID);
      if (summaryUids.has(pred) || summaryUids.has(succ)) {
        summaryLinks++;
        continue;
      }
      if (!byUid.has(pred) || !byUid.has(succ)) continue;
      const typeNo = int(l.Type) ?? MSPDI_LINK_TYPE.FS;
      const type = LINK_TYPES.find((k) => MSPDI_LINK_TYPE[k] === typeNo) ?? ('FS' as const);
      const format = int(l.LagFormat);
      if (format === LAG_FORMAT.percent || format === LAG_FORMAT.elapsedPercent) percentLags++;
      links.push({
        predecessor: pred,
        successor: succ,
        type,
        lagDays: Math.max(-365, Math.min(365, lagDaysOf(int(l.LinkLag) ?? 0, format, minutesPerDay))),
      });
    }
  }
  if (links.length > MAX_PLAN_LINKS)
    throw new PlanFileError(`The plan has more than ${MAX_PLAN_LINKS.toLocaleString('en-GB')} links.`);
  if (summaryLinks)
    notes.push(
      `${summaryLinks} link${summaryLinks === 1 ? '' : 's'} to or from summary tasks ${summaryLinks === 1 ? 'is' : 'are'} not kept: Baton links the tasks themselves.`,
    );
  if (percentLags)
    notes.push(
      `${percentLags} lag${percentLags === 1 ? '' : 's'} given as a percentage ${percentLags === 1 ? 'is' : 'are'} kept as no lag.`,
    );

  const rawResources = ((project.Resources as Node | undefined)?.Resource as Node[] | undefined) ?? [];
  const resourceByUid = new Map<string, { name: string; email: string | null; group: string | null }>();
  for (const r of rawResources) {
    const name = str(r.Name);
    if (!name || int(r.UID) === 0) continue;
    resourceByUid.set(str(r.UID), {
      name: name.slice(0, 200),
      email: str(r.EmailAddress) || null,
      group: str(r.Group) || null,
    });
  }
  if (resourceByUid.size > MAX_PLAN_RESOURCES)
    throw new PlanFileError(`The plan has more than ${MAX_PLAN_RESOURCES} resources.`);
  const used = new Set<string>();
  for (const a of ((project.Assignments as Node | undefined)?.Assignment as Node[] | undefined) ?? []) {
    const task = byUid.get(str(a.TaskUID));
    const resource = resourceByUid.get(str(a.ResourceUID));
    if (!task || !resource || task.resources.includes(resource.name) || task.resources.length >= 20) continue;
    task.resources.push(resource.name);
    used.add(resource.name);
  }
  return {
    format: 'mspdi',
    fileName: fileName.slice(0, 255),
    title: (str(project.Title) || str(project.Name) || fileName).slice(0, 300),
    tasks,
    links,
    resources: [...resourceByUid.values()].filter((r) => used.has(r.name)),
    notes,
  };
}
