import type { DbHandle } from '@baton/db';
import { createTestDb, testEngine } from '@baton/db/testing';
import ExcelJS from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberContext } from '../../testing/downloads';
import { auditCount, buildFixture, type Fixture } from '../../testing/fixture';
import { base64, caught, contextFor } from '../risk-import/risk-import.testing';
import { transferPlanMspdi } from './plan-io.files';
import { transitionPlanFile } from '../transition/transition.files';

/*
 * Plans in and out: Microsoft Project XML exported, read back unchanged; a file as Project writes it
 * (summary tasks, calendars, lags in tenths of minutes, progress) imported with the right links and
 * critical path; Excel plans; hostile and broken files refused clearly; all or nothing.
 */

let h: DbHandle;
let fx: Fixture;
beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixture(h.db);
});
afterAll(() => h.close());

async function newTransfer(name: string, applyTemplate = true) {
  const lead = await fx.as('lead');
  return (
    await lead.transition.createTransfer({
      programmeId: fx.programme.id,
      name,
      lotId: fx.lot.id,
      outgoingOrganisationId: fx.orgs.outgoing.id,
      incomingOrganisationId: fx.orgs.incoming.id,
      plannedTransferDate: '2027-10-01',
      applyTemplate,
    } as never)
  ).transfer;
}

async function exportXml(transferId: string): Promise<string> {
  const ctx = await memberContext(await contextFor(h.db, fx, 'lead'), fx.programme.id);
  const file = await transferPlanMspdi(ctx, {
    params: { programmeId: fx.programme.id, transferId },
    query: {},
  });
  expect(file.fileName).toMatch(/\.xml$/);
  return file.body.toString('utf8');
}

async function readFile(transferId: string, fileName: string, content: string | Buffer) {
  const lead = await fx.as('lead');
  return lead.planImport.read({
    programmeId: fx.programme.id,
    transferId,
    fileName,
    contentBase64: base64(content),
  });
}

async function previewOf(transferId: string, fileName: string, content: string | Buffer) {
  const read = await readFile(transferId, fileName, content);
  const lead = await fx.as('lead');
  const preview = await lead.planImport.preview({
    programmeId: fx.programme.id,
    transferId,
    file: read.file,
    mapping: read.suggestedMapping,
  });
  return { read, preview };
}

async function commit(transferId: string, read: Awaited<ReturnType<typeof readFile>>, fingerprint: string) {
  const lead = await fx.as('lead');
  return lead.planImport.commit({
    programmeId: fx.programme.id,
    transferId,
    file: read.file,
    mapping: read.suggestedMapping,
    fingerprint,
  });
}

/** A plan as Microsoft Project 2016 saves it: a project summary, workstream summaries, a calendar. */
const PROJECT_FILE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <SaveVersion>14</SaveVersion>
  <Name>Podiatry transfer.xml</Name>
  <Title>Podiatry transfer</Title>
  <ScheduleFromStart>1</ScheduleFromStart>
  <StartDate>2027-01-04T08:00:00</StartDate>
  <CalendarUID>1</CalendarUID>
  <MinutesPerDay>480</MinutesPerDay>
  <MinutesPerWeek>2400</MinutesPerWeek>
  <Calendars>
    <Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>
      <WeekDays><WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay></WeekDays>
    </Calendar>
  </Calendars>
  <Tasks>
    <Task><UID>0</UID><ID>0</ID><Name>Podiatry transfer</Name><OutlineLevel>0</OutlineLevel><Summary>1</Summary>
      <Start>2027-01-04T08:00:00</Start><Finish>2027-09-30T17:00:00</Finish></Task>
    <Task><UID>10</UID><ID>1</ID><Name>Workforce &amp; TUPE</Name><OutlineLevel>1</OutlineLevel><Summary>1</Summary>
      <Start>2027-01-04T08:00:00</Start><Finish>2027-06-30T17:00:00</Finish></Task>
    <Task><UID>11</UID><ID>2</ID><GUID>6F9619FF-8B86-D011-B42D-00C04FC964FF</GUID><Name>Receive employee liability information</Name>
      <OutlineLevel>2</OutlineLevel><Summary>0</Summary><Milestone>0</Milestone>
      <Start>2026-10-05T08:00:00</Start><Finish>2026-10-30T17:00:00</Finish><Duration>PT160H0M0S</Duration>
      <PercentComplete>100</PercentComplete><ActualStart>2026-10-05T08:00:00</ActualStart><ActualFinish>2026-10-30T17:00:00</ActualFinish></Task>
    <Task><UID>12</UID><ID>3</ID><Name>Staff consultation</Name><OutlineLevel>2</OutlineLevel><Summary>0</Summary>
      <Start>2026-11-02T08:00:00</Start><Finish>2027-03-31T17:00:00</Finish><Duration>PT344H0M0S</Duration>
      <PercentComplete>0</PercentComplete>
      <PredecessorLink><PredecessorUID>11</PredecessorUID><Type>1</Type><LinkLag>4800</LinkLag><LagFormat>7</LagFormat></PredecessorLink></Task>
    <Task><UID>13</UID><ID>4</ID><Name>Measures letters issued</Name><OutlineLevel>2</OutlineLevel><Summary>0</Summary>
      <Start>2026-11-02T08:00:00</Start><Finish>2026-11-13T17:00:00</Finish>
      <PredecessorLink><PredecessorUID>11</PredecessorUID><Type>3</Type><LinkLag>0</LinkLag><LagFormat>7</LagFormat></PredecessorLink></Task>
    <Task><UID>20</UID><ID>5</ID><Name>IT and records</Name><OutlineLevel>1</OutlineLevel><Summary>1</Summary>
      <Start>2027-03-01T08:00:00</Start><Finish>2027-09-30T17:00:00</Finish></Task>
    <Task><UID>21</UID><ID>6</ID><Name>Migrate clinical records</Name><OutlineLevel>2</OutlineLevel><Summary>0</Summary>
      <Start>2027-04-01T08:00:00</Start><Finish>2027-09-20T17:00:00</Finish><PercentComplete>0</PercentComplete>
      <PredecessorLink><PredecessorUID>12</PredecessorUID><Type>1</Type><LinkLag>201600</LinkLag><LagFormat>8</LagFormat></PredecessorLink>
      <PredecessorLink><PredecessorUID>10</PredecessorUID><Type>1</Type></PredecessorLink></Task>
    <Task><UID>22</UID><ID>7</ID><Name>Go-live</Name><OutlineLevel>2</OutlineLevel><Summary>0</Summary><Milestone>1</Milestone>
      <Start>2027-09-30T08:00:00</Start><Finish>2027-09-30T08:00:00</Finish><Duration>PT0H0M0S</Duration>
      <PredecessorLink><PredecessorUID>21</PredecessorUID><Type>1</Type></PredecessorLink>
      <PredecessorLink><PredecessorUID>13</PredecessorUID><Type>1</Type></PredecessorLink></Task>
  </Tasks>
  <Resources>
    <Resource><UID>0</UID><ID>0</ID><Name>Unassigned</Name></Resource>
    <Resource><UID>1</UID><ID>1</ID><Name>Old Mill</Name><Type>1</Type></Resource>
    <Resource><UID>2</UID><ID>2</ID><Name>Ian Incoming</Name><Type>1</Type><Group>New Bridge</Group></Resource>
  </Resources>
  <Assignments>
    <Assignment><UID>1</UID><TaskUID>11</TaskUID><ResourceUID>1</ResourceUID><Units>1</Units></Assignment>
    <Assignment><UID>2</UID><TaskUID>21</TaskUID><ResourceUID>2</ResourceUID><Units>1</Units></Assignment>
    <Assignment><UID>3</UID><TaskUID>22</TaskUID><ResourceUID>-65535</ResourceUID><Units>1</Units></Assignment>
  </Assignments>
</Project>`;

describe(`plans in and out of Microsoft Project and Excel on ${testEngine()}`, () => {
  it('exports a plan Project can open, and importing it back changes nothing', async () => {
    const transfer = await newTransfer('Round trip transfer');
    const lead = await fx.as('lead');
    const plan = await lead.transition.plan({ programmeId: fx.programme.id, transferId: transfer.id });
    // Some progress, actual dates, a lag and a baseline, so every part of the file is exercised.
    const [first, second] = plan.tasks.filter((t) => t.kind === 'task');
    await lead.transition.updateTask({
      programmeId: fx.programme.id,
      taskId: first!.id,
      version: first!.version,
      status: 'done',
      actualStart: '2026-11-02',
      completedOn: '2026-11-20',
    });
    await lead.transition.updateTask({
      programmeId: fx.programme.id,
      taskId: second!.id,
      version: second!.version,
      status: 'in_progress',
      percentComplete: 40,
    });
    await lead.transition.setBaseline({ programmeId: fx.programme.id, name: 'Agreed plan' });

    const xml = await exportXml(transfer.id);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml) as {
      Project: { Tasks: { Task: Array<Record<string, unknown>> }; Resources: { Resource: unknown[] } };
    };
    const tasks = doc.Project.Tasks.Task;
    expect(tasks.filter((t) => t.Summary === 0 || t.Summary === '0')).toHaveLength(26);
    expect(tasks.filter((t) => t.OutlineLevel === 1 || t.OutlineLevel === '1').length).toBeGreaterThanOrEqual(
      6,
    );
    expect(xml).toContain('<PredecessorLink>');
    expect(xml).toContain('<Baseline>');
    expect(xml).toContain('<ActualFinish>2026-11-20T17:00:00</ActualFinish>');
    expect(xml).toContain('<PercentComplete>40</PercentComplete>');
    expect(doc.Project.Resources.Resource.length).toBeGreaterThanOrEqual(3);

    const { read, preview } = await previewOf(transfer.id, 'round-trip.xml', xml);
    expect(read.file.tasks).toHaveLength(26);
    expect(preview.counts).toMatchObject({ create: 0, update: 0, error: 0, linksAdded: 0, linksRemoved: 0 });
    expect(preview.counts.unchanged).toBe(26);
    expect(preview.canCommit).toBe(false);
    expect(preview.schedule.forecastGoLive).toBe(
      (await lead.transition.plan({ programmeId: fx.programme.id, transferId: transfer.id })).forecastGoLive,
    );
  });

  it('the plan XLSX Baton downloads imports back into its transfer unchanged', async () => {
    const transfer = await newTransfer('XLSX round trip');
    const ctx = await memberContext(await contextFor(h.db, fx, 'lead'), fx.programme.id);
    const file = await transitionPlanFile(ctx);
    const { read, preview } = await previewOf(transfer.id, file.fileName, file.body);
    // The download holds every transfer: only this one's rows are read.
    expect(read.file.tasks).toHaveLength(26);
    expect(preview.counts).toMatchObject({ create: 0, update: 0, error: 0, linksAdded: 0, linksRemoved: 0 });
    expect(preview.counts.unchanged).toBe(26);
  });

  it('imports a file made by Microsoft Project: summaries become workstreams, links keep their lag', async () => {
    const transfer = await newTransfer('Imported from Project', false);
    const { read, preview } = await previewOf(transfer.id, 'podiatry.xml', PROJECT_FILE);
    expect(read.file.tasks.map((t) => t.title)).toEqual([
      'Receive employee liability information',
      'Staff consultation',
      'Measures letters issued',
      'Migrate clinical records',
      'Go-live',
    ]);
    expect(read.suggestedMapping.groups).toEqual({
      'Workforce & TUPE': 'workforce_tupe',
      'IT and records': 'it_data_records',
    });
    expect(read.suggestedMapping.resources['Old Mill']).toEqual({
      organisationId: fx.orgs.outgoing.id,
      userId: null,
    });
    expect(read.suggestedMapping.resources['Ian Incoming']!.userId).toBe(fx.users.incomingContributor.id);
    // A link to a summary task is not kept, and a start-to-start link is said to become finish-to-start.
    expect(read.file.notes.join(' ')).toMatch(/summary tasks/);
    expect(preview.notes.join(' ')).toMatch(/1 start-to-start link is kept as finish-to-start/);
    expect(preview.counts).toMatchObject({ create: 5, update: 0, error: 0, linksAdded: 5 });
    // The critical path before commit: the late consultation drives the records migration and go-live.
    expect(preview.schedule.criticalPath.map((t) => t.title).slice(-3)).toEqual([
      'Staff consultation',
      'Migrate clinical records',
      'Go-live',
    ]);
    expect(preview.schedule.marginDays).toBeLessThan(0);
    expect(preview.canCommit).toBe(true);

    const before = await auditCount(h.db);
    const done = await commit(transfer.id, read, preview.fingerprint);
    expect(done).toMatchObject({ created: 5, linksAdded: 5 });
    expect(await auditCount(h.db)).toBe(before + 6);

    const lead = await fx.as('lead');
    const plan = await lead.transition.plan({ programmeId: fx.programme.id, transferId: transfer.id });
    const id = (title: string) => plan.tasks.find((t) => t.title === title)!.id;
    const eli = plan.tasks.find((t) => t.title === 'Receive employee liability information')!;
    expect(eli).toMatchObject({ status: 'done', actualStart: '2026-10-05', completedOn: '2026-10-30' });
    const lag = (p: string, s: string) =>
      plan.dependencies.find((d) => d.predecessorId === id(p) && d.successorId === id(s))?.lagDays;
    expect(lag('Receive employee liability information', 'Staff consultation')).toBe(1); // 4,800 = 1 working day
    expect(lag('Staff consultation', 'Migrate clinical records')).toBe(14); // 201,600 tenths of elapsed minutes
    expect(lag('Migrate clinical records', 'Go-live')).toBe(0);
    expect(plan.tasks.find((t) => t.title === 'Go-live')!.kind).toBe('milestone');
    expect(plan.tasks.find((t) => t.title === 'Migrate clinical records')).toMatchObject({
      workstream: 'it_data_records',
      owningOrganisation: { id: fx.orgs.incoming.id },
      assignee: { id: fx.users.incomingContributor.id },
    });
    expect(plan.criticalPath.map((x) => plan.tasks.find((t) => t.id === x)!.title)).toEqual(
      preview.schedule.criticalPath.map((t) => t.title),
    );

    // Importing the same file again finds every task and changes nothing.
    const again = await previewOf(transfer.id, 'podiatry.xml', PROJECT_FILE);
    expect(again.preview.counts).toMatchObject({
      create: 0,
      update: 0,
      unchanged: 5,
      linksAdded: 0,
      linksRemoved: 0,
    });
  });

  it('refuses hostile and broken XML with a clear message, and reads nothing from it', async () => {
    const transfer = await newTransfer('Hostile files', false);
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Project xmlns="http://schemas.microsoft.com/project"><Tasks><Task><UID>1</UID><Name>&lol2;</Name></Task></Tasks></Project>`;
    const external = `<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project><Title>&x;</Title></Project>`;
    for (const bad of [laughs, external]) {
      const e = await caught(readFile(transfer.id, 'bad.xml', bad));
      expect(e.message).toMatch(/document type or entities/);
    }
    expect(
      (await caught(readFile(transfer.id, 'broken.xml', '<Project><Tasks><Task></Tasks></Project>'))).message,
    ).toMatch(/not well-formed XML \(line 1/);
    expect(
      (await caught(readFile(transfer.id, 'other.xml', '<?xml version="1.0"?><Project><Tasks/></Project>')))
        .message,
    ).toMatch(/no tasks/);
    expect((await caught(readFile(transfer.id, 'plan.mpp', 'binary'))).message).toMatch(/XML Format/);
  });

  it('imports an Excel plan: IDs, Project-style predecessors with lag, dd/mm/yyyy dates, percentages', async () => {
    const transfer = await newTransfer('Imported from Excel', false);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Transition plan');
    ws.addRow(['Podiatry transition plan, v3']);
    ws.addRow([]);
    ws.addRow([
      'ID',
      'Task Name',
      'Workstream',
      'Start',
      'Finish',
      'Predecessors',
      '% Complete',
      'Resource Names',
    ]);
    ws.addRow([
      1,
      'Due diligence complete',
      'Contracts',
      new Date(Date.UTC(2027, 0, 4)),
      new Date(Date.UTC(2027, 0, 29)),
      '',
      1,
      'Old Mill',
    ]);
    ws.addRow([2, 'Estates survey', 'Estates', '01/02/2027', '26/02/2027', '1FS+5 days', 0.5, 'New Bridge']);
    ws.addRow([3, 'Go live', 'Communications', '30/09/2027', '30/09/2027', '2, 1', 0, '']);
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    const { read, preview } = await previewOf(transfer.id, 'plan.xlsx', body);
    expect(read.file.tasks.map((t) => [t.key, t.start, t.finish, t.percentComplete])).toEqual([
      ['1', '2027-01-04', '2027-01-29', 100],
      ['2', '2027-02-01', '2027-02-26', 50],
      ['3', '2027-09-30', '2027-09-30', 0],
    ]);
    expect(read.file.links).toEqual([
      { predecessor: '1', successor: '2', type: 'FS', lagDays: 5 },
      { predecessor: '2', successor: '3', type: 'FS', lagDays: 0 },
      { predecessor: '1', successor: '3', type: 'FS', lagDays: 0 },
    ]);
    expect(read.suggestedMapping.groups).toEqual({
      Contracts: 'contracts_finance',
      Estates: 'estates_facilities',
      Communications: 'communications_engagement',
    });
    expect(preview.counts).toMatchObject({ create: 3, error: 0, linksAdded: 3 });
    // 100% with no actual finish: done, and since its planned finish is still ahead, done today.
    expect(preview.rows.map((r) => r.status)).toEqual(['done', 'in_progress', 'not_started']);
    const dueAhead = await previewOf(
      transfer.id,
      'plan.xlsx',
      await (async () => {
        ws.getCell('I3').value = 'Actual Finish';
        ws.getCell('I4').value = '29/01/2027';
        return Buffer.from(await wb.xlsx.writeBuffer());
      })(),
    );
    expect(dueAhead.preview.rows[0]).toMatchObject({ action: 'error' });
    expect(dueAhead.preview.rows[0]!.errors.join(' ')).toMatch(/actual finish 2027-01-29 is in the future/);
    expect(dueAhead.preview.canCommit).toBe(false);
  });

  it('reads Project’s export to Excel: outline levels make summary rows into groups, not tasks', async () => {
    const transfer = await newTransfer('Project to Excel', false);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Task_Table1');
    ws.addRow([
      'ID',
      'Outline_Level',
      'Name',
      'Duration',
      'Start_Date',
      'Finish_Date',
      'Predecessors',
      'Resource_Names',
    ]);
    ws.addRow([1, 1, 'Workforce', '40 days', 'Mon 01/02/27', 'Fri 26/03/27', '', '']);
    ws.addRow([2, 2, 'Issue measures letters', '5 days', 'Mon 01/02/27', 'Fri 05/02/27', '', 'Old Mill']);
    ws.addRow([3, 2, 'Consultation meetings', '30 days', 'Mon 08/02/27', 'Fri 26/03/27', '2', 'Old Mill']);
    ws.addRow([4, 1, 'Go live', '0 days', 'Thu 30/09/27', 'Thu 30/09/27', '3FS+10 days', '']);
    const { read, preview } = await previewOf(
      transfer.id,
      'export.xlsx',
      Buffer.from(await wb.xlsx.writeBuffer()),
    );
    expect(read.file.tasks.map((t) => [t.title, t.group, t.kind])).toEqual([
      ['Issue measures letters', 'Workforce', null],
      ['Consultation meetings', 'Workforce', null],
      ['Go live', null, 'milestone'],
    ]);
    expect(read.file.links).toEqual([
      { predecessor: '2', successor: '3', type: 'FS', lagDays: 0 },
      { predecessor: '3', successor: '4', type: 'FS', lagDays: 10 },
    ]);
    expect(read.suggestedMapping.groups).toEqual({ Workforce: 'workforce_tupe' });
    expect(preview.counts).toMatchObject({ create: 3, error: 0 });
  });

  it('a bad date names the row as the spreadsheet numbers it', async () => {
    const transfer = await newTransfer('Bad Excel', false);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.addRow(['Task', 'Start', 'Due']);
    ws.addRow(['Survey', '01/02/2027', '05/02/2027']);
    ws.addRow(['Lease', 'soon', '05/02/2027']);
    const e = await caught(readFile(transfer.id, 'plan.xlsx', Buffer.from(await wb.xlsx.writeBuffer())));
    expect(e.message).toMatch(/Row 3 \(“Lease”\): the start “soon” is not a date/);
  });

  it('is all or nothing: a loop, a stale preview or a bad row writes nothing', async () => {
    const transfer = await newTransfer('All or nothing', false);
    const loop = PROJECT_FILE.replace(
      '<Task><UID>11</UID>',
      '<Task><UID>11</UID><PredecessorLink><PredecessorUID>22</PredecessorUID><Type>1</Type></PredecessorLink>',
    );
    const looped = await previewOf(transfer.id, 'loop.xml', loop);
    expect(looped.preview.fileErrors.join(' ')).toMatch(/loop: “/);
    expect(looped.preview.canCommit).toBe(false);
    const before = await auditCount(h.db);
    const refused = await caught(commit(transfer.id, looped.read, looped.preview.fingerprint));
    expect(refused.message).toMatch(/loop/);

    // A colleague adds a task between the preview and the commit: the commit is refused as stale.
    const { read, preview } = await previewOf(transfer.id, 'podiatry.xml', PROJECT_FILE);
    await (
      await fx.as('lead')
    ).transition.createTask({
      programmeId: fx.programme.id,
      transferId: transfer.id,
      title: 'Added meanwhile',
      workstream: 'cqc_registration',
      owningOrganisationId: fx.orgs.incoming.id,
      startDate: '2027-03-01',
      dueDate: '2027-03-05',
    } as never);
    const stale = await caught(commit(transfer.id, read, preview.fingerprint));
    expect(stale.code).toBe('CONFLICT');
    expect(await auditCount(h.db)).toBe(before + 1);
    const lead = await fx.as('lead');
    const plan = await lead.transition.plan({ programmeId: fx.programme.id, transferId: transfer.id });
    expect(plan.tasks.map((t) => t.title)).toEqual(['Added meanwhile']);
  });

  it('only admins and leads import, naming only organisations and people the transfer may name', async () => {
    const transfer = await newTransfer('Access checks', false);
    const contributor = await fx.as('contributor');
    const e = await caught(
      contributor.planImport.read({
        programmeId: fx.programme.id,
        transferId: transfer.id,
        fileName: 'p.xml',
        contentBase64: base64(PROJECT_FILE),
      }),
    );
    expect(e.code).toBe('FORBIDDEN');
    const { read } = await previewOf(transfer.id, 'podiatry.xml', PROJECT_FILE);
    const lead = await fx.as('lead');
    const rival = await caught(
      lead.planImport.preview({
        programmeId: fx.programme.id,
        transferId: transfer.id,
        file: read.file,
        mapping: { ...read.suggestedMapping, defaultOrganisationId: fx.orgs.bidderA.id },
      }),
    );
    expect(rival.message).toMatch(/mapping needs correcting/);
    expect(JSON.stringify(rival)).not.toContain('Alpha');
  });
});
