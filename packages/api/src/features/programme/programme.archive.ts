import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import {
  canonicalJson,
  ddReference,
  formatUkDateTime,
  riskReference,
  type TSteeringPack,
} from '@baton/domain';
import {
  findProgramme,
  findRiskMatrix,
  findSnapshot,
  listActionsForRisks,
  listAuditEvents,
  listClarifications,
  listDdRequests,
  listDependencies,
  listDocuments,
  listLots,
  listMeetings,
  listMembers,
  listParties,
  listRaidItems,
  listRisks,
  listSites,
  listStaffGroups,
  listSystems,
  listTasks,
  listTransfers,
  readDocumentContent,
  riskHistoryPage,
  type TRiskRow,
  type TDocumentRow,
} from '@baton/db';
import ExcelJS from 'exceljs';
import { Zip, ZipDeflate } from 'fflate';
import { loadPartyDirectory } from '../../access/naming';
import type { TMemberContext } from '../../context';
import { fileCode } from '../../reports/report.format';
import { steeringPackPdf } from '../../reports/steering-pack.pdf';
import { transitionPlanXlsx } from '../../reports/transition-plan.xlsx';
import { presentDocument } from '../document/document.access';
import { readContent } from '../document/document.store';
import {
  clarificationScope,
  presentClarification,
  presentRequest,
} from '../due-diligence/due-diligence.access';
import { canSeeMeetings } from '../meeting/meeting.access';
import { getGateway, listGatewaysFor } from '../gateway/gateway.service';
import { presentRaid } from '../raid/raid.access';
import { loadRegister, registerXlsx } from '../risk/register.export';
import { riskVisibility } from '../risk/risk.access';
import { leadCommissioner } from '../steering/steering.files';
import { loadVisiblePlans, readinessOfPlans } from '../transition/plan.service';
import { transferVisibility } from '../transition/transition.access';
import { canSeeParty } from './programme.access';

/*
 * The programme archive: every record of a programme as one ZIP, for an auditor, a scrutiny committee or the
 * next owner of the records. It is written as it is read, page by page, so a large programme is never held in
 * memory: the ZIP is a stream that pulls the next piece only when the client has taken the last. Everything in
 * it is read under the downloader's own visibility, through the same loaders as the screens. The last file,
 * manifest.json, gives every file's SHA-256 and the counts, so the archive can be checked later.
 */

const PAGE = 500;

type TChunk = Uint8Array;
type TEntryBody = AsyncIterable<string | Uint8Array>;

interface TEntry {
  name: string;
  describe: string;
  body: () => TEntryBody;
}

async function* once(value: string | Uint8Array | Promise<string | Uint8Array>): TEntryBody {
  yield await value;
}

/** A JSON array written an item at a time. */
async function* jsonArray<T>(pages: AsyncIterable<T[]>, map: (item: T) => unknown = (x) => x): TEntryBody {
  yield '[';
  let first = true;
  for await (const page of pages) {
    for (const item of page) {
      yield `${first ? '\n' : ',\n'}${JSON.stringify(map(item))}`;
      first = false;
    }
  }
  yield '\n]\n';
}

const json = (value: unknown) => once(`${JSON.stringify(value, null, 2)}\n`);

/** An XLSX written by ExcelJS's streaming writer, one row at a time. */
async function* streamedXlsx(
  sheet: string,
  columns: Array<{ header: string; key: string; width: number }>,
  rows: AsyncIterable<Array<Record<string, unknown>>>,
): TEntryBody {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet(sheet);
  ws.columns = columns;
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const writing = (async () => {
    for await (const page of rows) for (const r of page) ws.addRow(r).commit();
    ws.commit();
    await wb.commit();
  })();
  writing.catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  // Pass on what the writer has written as it comes, so the sheet never piles up in memory.
  for await (const chunk of out) yield chunk as Buffer;
  await writing;
}

export interface TArchiveCounts {
  risks: number;
  actions: number;
  historyRows: number;
  transfers: number;
  tasks: number;
  dependencies: number;
  staffGroups: number;
  sites: number;
  systems: number;
  meetings: number;
  frozenPacks: number;
  decisions: number;
  auditEvents: number;
  members: number;
}

/** Builds the archive as a stream; `counts` fill in as it is written (the manifest carries them). */
export async function programmeArchive(ctx: TMemberContext) {
  const { db, member } = ctx;
  const programmeId = member.programmeId;
  const today = ctx.today();
  const programme = (await findProgramme(db, programmeId))!;
  const stem = `${fileCode(programme.code)}-archive-${today}`;
  const counts: TArchiveCounts = {
    risks: 0,
    actions: 0,
    historyRows: 0,
    transfers: 0,
    tasks: 0,
    dependencies: 0,
    staffGroups: 0,
    sites: 0,
    systems: 0,
    meetings: 0,
    frozenPacks: 0,
    decisions: 0,
    auditEvents: 0,
    members: 0,
  };

  async function* riskPages(count: boolean): AsyncIterable<TRiskRow[]> {
    let cursor: { v: string | number; n: number } | undefined;
    do {
      const page = await listRisks(
        db,
        { programmeId, today, visibility: riskVisibility(member) },
        { sort: 'reference', direction: 'asc', limit: PAGE, cursor },
      );
      if (count) counts.risks += page.items.length;
      yield page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  async function* actionPages() {
    for await (const risks of riskPages(false)) {
      const actions = await listActionsForRisks(
        db,
        risks.map((r) => r.id),
      );
      counts.actions += actions.length;
      yield actions.map((a) => ({
        ...a,
        riskReference: riskReference(risks.find((r) => r.id === a.riskId)!.number),
      }));
    }
  }

  async function* historyPages() {
    let afterId = 0;
    for (;;) {
      const page = await riskHistoryPage(db, {
        programmeId,
        visibility: riskVisibility(member),
        afterId,
        limit: PAGE,
      });
      if (!page.length) return;
      counts.historyRows += page.length;
      afterId = page.at(-1)!.id;
      yield page.map((h) => ({ ...h, riskReference: riskReference(h.riskNumber) }));
    }
  }

  async function* auditPages() {
    let cursor: number | undefined;
    do {
      const page = await listAuditEvents(db, {
        programmeId,
        cursor,
        limit: PAGE,
        visibility: member.visibility,
      });
      counts.auditEvents += page.items.length;
      yield page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  async function plans() {
    const transfers = await listTransfers(db, programmeId, transferVisibility(member));
    const tasks = await listTasks(db, {
      programmeId,
      transferIds: transfers.map((t) => t.id),
      visibility: transferVisibility(member),
    });
    const dependencies = await listDependencies(
      db,
      programmeId,
      transfers.map((t) => t.id),
    );
    const registers = [];
    for (const t of transfers) {
      const [staffGroups, sites, systems] = await Promise.all([
        listStaffGroups(db, t.id),
        listSites(db, t.id),
        listSystems(db, t.id),
      ]);
      counts.staffGroups += staffGroups.length;
      counts.sites += sites.length;
      counts.systems += systems.length;
      registers.push({ transferId: t.id, transferName: t.name, staffGroups, sites, systems });
    }
    counts.transfers = transfers.length;
    counts.tasks = tasks.length;
    counts.dependencies = dependencies.length;
    return { transfers, tasks, dependencies, registers };
  }

  const meetings = canSeeMeetings(member) ? await listMeetings(db, programmeId) : [];
  const organisation = await leadCommissioner(db, programmeId);
  const meetingEntries: TEntry[] = meetings.flatMap((m) => {
    const folder = `meetings/${m.heldOn}-${m.id.slice(0, 8)}`;
    const entries: TEntry[] = [
      {
        name: `${folder}/meeting.json`,
        describe: 'The meeting: date, place, attendees, apologies, decisions and minutes.',
        body: () => {
          counts.meetings++;
          counts.decisions += m.decisions.length;
          return json(m);
        },
      },
    ];
    if (m.snapshot)
      entries.push(
        {
          name: `${folder}/pack.json`,
          describe:
            'The steering group pack frozen for the meeting, exactly as stored (canonical JSON): its SHA-256 is in pack.sha256.txt.',
          body: () =>
            once(
              findSnapshot(db, programmeId, m.id).then((s) => {
                counts.frozenPacks++;
                return canonicalJson(s!.pack);
              }),
            ),
        },
        {
          name: `${folder}/pack.sha256.txt`,
          describe: 'The SHA-256 recorded when the pack was frozen, and who froze it when.',
          body: () =>
            once(
              findSnapshot(db, programmeId, m.id).then(
                (s) =>
                  `${s!.sha256}  pack.json\nFrozen ${formatUkDateTime(s!.frozenAt)} by ${s!.frozenBy ?? 'unknown'}; as at ${s!.asAt}.\n`,
              ),
            ),
        },
        {
          name: `${folder}/pack.pdf`,
          describe: 'The frozen pack as the board paper (printed from the stored pack, never recomputed).',
          body: () =>
            once(
              findSnapshot(db, programmeId, m.id).then(async (s) => {
                const intact =
                  createHash('sha256').update(canonicalJson(s!.pack)).digest('hex') === s!.sha256;
                return steeringPackPdf(s!.pack as TSteeringPack, {
                  organisation,
                  meeting: { title: m.title, heldOn: m.heldOn },
                  frozen: { frozenAt: s!.frozenAt, frozenBy: s!.frozenBy, sha256: s!.sha256, intact },
                });
              }),
            ),
        },
      );
    return entries;
  });

  // Every version of every document the downloader may see, under its request's reference.
  const documentEntries: TEntry[] = [];
  /** Every version of a document, as `documents/<folder>/v<n>-<file name>`, read from wherever it is stored. */
  const addDocument = (
    folder: string,
    what: string,
    d: { id: string; versions: TDocumentRow['versions'] },
  ) => {
    for (const v of d.versions)
      documentEntries.push({
        name: `documents/${folder}/v${v.versionNumber}-${v.fileName.replace(/[^\w .()-]/g, '_')}`,
        describe: `${what}, version ${v.versionNumber} (SHA-256 ${v.sha256}).`,
        body: () =>
          once(
            readDocumentContent(db, d.id, v.versionNumber).then(async (stored) =>
              stored ? ((await readContent(stored)) ?? new Uint8Array()) : new Uint8Array(),
            ),
          ),
      });
  };
  for (const r of await listDdRequests(db, programmeId, member.visibility))
    for (const d of await listDocuments(db, programmeId, 'dd_request', r.id))
      addDocument(ddReference(r.number), `A document of ${ddReference(r.number)}`, d);

  // Assurance gateways as the downloader sees them (the panel's work only to the assurance side), and the
  // evidence files the panel's side may read.
  const gateways = await Promise.all((await listGatewaysFor(ctx)).gateways.map((g) => getGateway(ctx, g.id)));
  for (const [i, g] of gateways.entries())
    for (const e of g.evidence)
      for (const d of await listDocuments(db, programmeId, 'gateway_evidence', e.id))
        addDocument(`gateway-${i + 1}`, `Evidence for “${g.gateway.name}”: ${e.description}`, d);

  let plansLoaded: Awaited<ReturnType<typeof plans>> | undefined;
  const loadPlansOnce = async () => (plansLoaded ??= await plans());

  const entries: TEntry[] = [
    {
      name: 'programme.json',
      describe:
        'The programme: details, lots, the organisations taking part and the members, with their roles.',
      body: () =>
        once(
          (async () => {
            const [lots, parties, directory, people] = await Promise.all([
              listLots(db, programmeId),
              listParties(db, programmeId),
              loadPartyDirectory(db, programmeId),
              listMembers(db, programmeId, member.visibility),
            ]);
            counts.members = people.length;
            return `${JSON.stringify(
              {
                programme,
                lots,
                parties: parties.filter((p) => canSeeParty(member, directory, p)),
                members: people.map((p) => ({
                  name: p.name,
                  email: p.email,
                  role: p.role,
                  status: p.status,
                  organisation: p.organisation.name,
                })),
              },
              null,
              2,
            )}\n`;
          })(),
        ),
    },
    {
      name: 'risk-register.xlsx',
      describe:
        'The risk register as the register download lays it out: Register, Actions and Matrix sheets.',
      body: () =>
        once(
          (async () => {
            const { matrix } = await findRiskMatrix(db, programmeId);
            const data = await loadRegister(
              db,
              member,
              { format: 'xlsx', filter: {}, sort: 'reference', direction: 'asc' },
              today,
              matrix,
            );
            return registerXlsx(data, { title: `${programme.name}: risk register, ${today}` });
          })(),
        ),
    },
    {
      name: 'risks.json',
      describe: 'Every risk: cause, event, effect, owner, the three assessments, controls, status, dates.',
      body: () => jsonArray(riskPages(true), (r) => ({ reference: riskReference(r.number), ...r })),
    },
    {
      name: 'mitigation-actions.json',
      describe: 'Every mitigation action, with its risk, owner, organisation, dates and status.',
      body: () => jsonArray(actionPages()),
    },
    {
      name: 'risk-history.json',
      describe: 'Every re-score, review and status change of every risk, in the order they were recorded.',
      body: () => jsonArray(historyPages()),
    },
    {
      name: 'risk-history.xlsx',
      describe: 'The same history as a spreadsheet.',
      body: () =>
        streamedXlsx(
          'Risk history',
          [
            { header: 'Risk', key: 'riskReference', width: 9 },
            { header: 'Effective on', key: 'effectiveOn', width: 13 },
            { header: 'Recorded at', key: 'recordedAt', width: 20 },
            { header: 'Recorded by', key: 'recordedBy', width: 22 },
            { header: 'Kind', key: 'kind', width: 10 },
            { header: 'Consequence', key: 'consequence', width: 12 },
            { header: 'Likelihood', key: 'likelihood', width: 11 },
            { header: 'Score', key: 'score', width: 7 },
            { header: 'Status', key: 'status', width: 12 },
            { header: 'Escalated', key: 'escalated', width: 10 },
            { header: 'Note', key: 'note', width: 60 },
          ],
          historyPagesForXlsx(),
        ),
    },
    {
      name: 'transition-plan.xlsx',
      describe:
        'Readiness, workstreams, every task and the statutory dates, as the plan download lays them out.',
      body: () =>
        once(
          (async () => {
            const loaded = await loadVisiblePlans(db, member, today);
            return transitionPlanXlsx(
              { loaded, readiness: readinessOfPlans(loaded, today), today },
              { programmeName: programme.name, generatedAt: new Date() },
            );
          })(),
        ),
    },
    {
      name: 'plans.json',
      describe:
        'Every transfer, its tasks (dates, owners, status, evidence) and the dependencies between them.',
      body: () =>
        once(
          loadPlansOnce().then(
            (p) =>
              `${JSON.stringify({ transfers: p.transfers, tasks: p.tasks, dependencies: p.dependencies }, null, 2)}\n`,
          ),
        ),
    },
    {
      name: 'registers.json',
      describe: 'Each transfer’s registers: TUPE staff groups, estate sites and IT systems.',
      body: () => once(loadPlansOnce().then((p) => `${JSON.stringify(p.registers, null, 2)}\n`)),
    },
    ...meetingEntries,
    {
      name: 'decisions.json',
      describe: 'Every decision recorded at a steering group meeting, with the meeting.',
      body: () =>
        json(
          meetings.flatMap((m) =>
            m.decisions.map((decision) => ({
              meetingId: m.id,
              meeting: m.title,
              heldOn: m.heldOn,
              decision,
            })),
          ),
        ),
    },
    {
      name: 'raid-log.json',
      describe:
        'The RAID log: issues, assumptions, decisions and meeting actions, each with its organisation.',
      body: () =>
        once(
          listRaidItems(db, programmeId, member.visibility).then(
            (items) =>
              `${JSON.stringify(
                items.map((i) => presentRaid(member, i)),
                null,
                2,
              )}\n`,
          ),
        ),
    },
    {
      name: 'due-diligence.json',
      describe:
        'Due diligence requests (asked, answered, reviewed, released), each with its documents, and the clarification questions.',
      body: () =>
        once(
          (async () => {
            const requests = await listDdRequests(db, programmeId, member.visibility);
            const withDocs = await Promise.all(
              requests.map(async (r) => ({
                ...presentRequest(member, r),
                documents: (await listDocuments(db, programmeId, 'dd_request', r.id)).map((d) =>
                  presentDocument(member, d),
                ),
              })),
            );
            const clarifications = (
              await listClarifications(db, programmeId, clarificationScope(member))
            ).map((c) => presentClarification(member, c));
            return `${JSON.stringify({ requests: withDocs, clarifications }, null, 2)}\n`;
          })(),
        ),
    },
    {
      name: 'assurance-gateways.json',
      describe:
        'Assurance gateways: domains and criteria, the agreed ratings and reasons, the recommendation and its conditions; for the commissioners’ side also the panel, each rating and the evidence log.',
      body: () => json(gateways),
    },
    ...documentEntries,
    {
      name: 'audit-trail.json',
      describe: 'Every recorded change: who, when, what, and the item before and after. Newest first.',
      body: () => jsonArray(auditPages()),
    },
    {
      name: 'audit-trail.xlsx',
      describe: 'The audit trail as a spreadsheet (without the before and after snapshots).',
      body: () =>
        streamedXlsx(
          'Audit trail',
          [
            { header: 'When', key: 'occurredAt', width: 20 },
            { header: 'Who', key: 'actor', width: 24 },
            { header: 'What', key: 'entityType', width: 14 },
            { header: 'Action', key: 'action', width: 12 },
            { header: 'Summary', key: 'summary', width: 90 },
          ],
          auditPagesForXlsx(),
        ),
    },
  ];

  async function* historyPagesForXlsx() {
    let afterId = 0;
    for (;;) {
      const page = await riskHistoryPage(db, {
        programmeId,
        visibility: riskVisibility(member),
        afterId,
        limit: PAGE,
      });
      if (!page.length) return;
      afterId = page.at(-1)!.id;
      yield page.map((h) => ({ ...h, riskReference: riskReference(h.riskNumber) }));
    }
  }

  async function* auditPagesForXlsx() {
    let cursor: number | undefined;
    do {
      const page = await listAuditEvents(db, {
        programmeId,
        cursor,
        limit: PAGE,
        visibility: member.visibility,
      });
      yield page.items.map((e) => ({ ...e, actor: e.actor?.name ?? 'Baton' }));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  const readme = [
    `${programme.name} (${programme.code}): programme archive`,
    '',
    `Downloaded from Baton on ${formatUkDateTime(new Date())} by ${ctx.user.name} (${ctx.user.email}).`,
    'It holds every record of the programme that this person could see. Each file is described below;',
    'manifest.json (the last file) gives every file’s size and SHA-256 and the number of records of each kind.',
    'Dates are YYYY-MM-DD; times are UTC in the JSON files.',
    '',
    ...entries.map((e) => `${e.name}\n    ${e.describe}`),
    'manifest.json\n    Every file’s size and SHA-256, and the counts.',
    '',
  ].join('\n');

  const files: Array<{ name: string; bytes: number; sha256: string }> = [];
  const encoder = new TextEncoder();

  async function* zipStream(): AsyncIterable<TChunk> {
    const pending: TChunk[] = [];
    let failed: Error | null = null;
    const zip = new Zip((err, chunk) => {
      if (err) failed = err;
      else pending.push(chunk);
    });
    async function* add(name: string, body: TEntryBody): AsyncIterable<TChunk> {
      const file = new ZipDeflate(`${stem}/${name}`, { level: 6 });
      zip.add(file);
      const hash = createHash('sha256');
      let bytes = 0;
      for await (const part of body) {
        const data = typeof part === 'string' ? encoder.encode(part) : part;
        hash.update(data);
        bytes += data.length;
        file.push(data);
        if (failed) throw failed;
        while (pending.length) yield pending.shift()!;
      }
      file.push(new Uint8Array(0), true);
      files.push({ name, bytes, sha256: hash.digest('hex') });
      while (pending.length) yield pending.shift()!;
    }
    yield* add('README.txt', once(readme));
    for (const e of entries) yield* add(e.name, e.body());
    yield* add(
      'manifest.json',
      json({
        programme: { id: programme.id, code: programme.code, name: programme.name },
        generatedAt: new Date().toISOString(),
        generatedBy: { name: ctx.user.name, email: ctx.user.email },
        scope: member.visibility.kind === 'all' ? 'every organisation' : 'own organisation only',
        counts,
        files,
      }),
    );
    zip.end();
    if (failed) throw failed;
    while (pending.length) yield pending.shift()!;
  }

  return {
    fileName: `${stem}.zip`,
    contentType: 'application/zip',
    stream: () => Readable.from(zipStream(), { objectMode: false }),
    counts,
  };
}
