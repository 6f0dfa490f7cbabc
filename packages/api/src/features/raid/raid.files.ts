import {
  NotFoundError,
  RAID_KIND_LABELS,
  RAID_KINDS,
  RAID_PRIORITY_LABELS,
  RAID_STATUS_LABELS,
  raidReference,
  riskReference,
} from '@baton/domain';
import { findProgramme, listRaidItems } from '@baton/db';
import ExcelJS from 'exceljs';
import { PROGRAMME_NOT_FOUND } from '../../access/membership';
import type { TMemberContext } from '../../context';
import type { TDownload } from '../../downloads';
import { fileCode } from '../../reports/report.format';
import type { TReportFile } from '../../reports/report.meta';
import { presentRaid } from './raid.access';

/** The RAID log as a workbook: one sheet per log, what the caller may see (a bidder only its own). */
export async function raidWorkbook(ctx: TMemberContext): Promise<TReportFile> {
  const { db, member } = ctx;
  const today = ctx.today();
  const programme = await findProgramme(db, member.programmeId);
  if (!programme) throw new NotFoundError(PROGRAMME_NOT_FOUND);
  const items = (await listRaidItems(db, member.programmeId, member.visibility)).map((i) =>
    presentRaid(member, i),
  );
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Baton';
  wb.title = `${programme.name}: RAID log, ${today}`;
  for (const kind of RAID_KINDS) {
    const ws = wb.addWorksheet(RAID_KIND_LABELS[kind].many);
    ws.columns = [
      { header: 'Reference', key: 'ref', width: 10 },
      { header: 'Title', key: 'title', width: 50 },
      { header: 'Description', key: 'description', width: 50 },
      { header: 'Status', key: 'status', width: 16 },
      ...(kind === 'issue' ? [{ header: 'Priority', key: 'priority', width: 10 }] : []),
      { header: 'Organisation', key: 'organisation', width: 28 },
      { header: 'Owner', key: 'owner', width: 24 },
      { header: 'Raised', key: 'raised', width: 12, style: { numFmt: 'dd/mm/yyyy' } },
      {
        header: kind === 'assumption' ? 'Validate by' : 'Due',
        key: 'due',
        width: 12,
        style: { numFmt: 'dd/mm/yyyy' },
      },
      {
        header: kind === 'decision' ? 'Decided' : 'Closed',
        key: 'closed',
        width: 12,
        style: { numFmt: 'dd/mm/yyyy' },
      },
      { header: kind === 'assumption' ? 'If wrong' : 'Impact', key: 'impact', width: 40 },
      { header: kind === 'decision' ? 'Rationale' : 'Resolution', key: 'resolution', width: 40 },
      ...(kind === 'decision' ? [{ header: 'Decided by', key: 'decidedBy', width: 24 }] : []),
      { header: 'Risk', key: 'risk', width: 10 },
      { header: 'Meeting', key: 'meeting', width: 30 },
    ];
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    const date = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);
    for (const i of items.filter((x) => x.kind === kind).sort((a, b) => a.number - b.number)) {
      ws.addRow({
        ref: raidReference(kind, i.number),
        title: i.title,
        description: i.description,
        status: RAID_STATUS_LABELS[i.status],
        priority: i.priority ? RAID_PRIORITY_LABELS[i.priority] : '',
        organisation: i.owningOrganisation.name,
        owner: i.owner?.name ?? '',
        raised: date(i.raisedOn),
        due: date(i.dueOn),
        closed: date(i.closedOn),
        impact: i.impact,
        resolution: i.resolution,
        decidedBy: i.decidedBy,
        risk: i.risk ? riskReference(i.risk.number) : '',
        meeting: i.meeting ? `${i.meeting.title} (${i.meeting.heldOn})` : '',
      });
    }
  }
  return {
    fileName: `${fileCode(programme.code)}-raid-log-${today}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}

export const raidFiles: TDownload[] = [
  {
    path: '/export/programmes/:programmeId/raid.xlsx',
    capability: 'programme.read',
    description: 'The RAID log (issues, assumptions, decisions, meeting actions) as XLSX',
    make: (ctx) => raidWorkbook(ctx),
  },
];
