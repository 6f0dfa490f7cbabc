import type {
  TAssuranceStatus,
  TCqcLocationStatus,
  TLandlordConsent,
  TLandlordType,
  TMigrationMethod,
  TPensionStatus,
  TSiteRoute,
  TSystemType,
  TTaskStatus,
  TTenure,
  TVisibility,
} from '@baton/domain';
import type { Executor } from '../client';
import { visibleWhere } from '../visibility';
import { findTask } from './transition.repository';
import { bumpVersion, staleOrMissing } from './versioning';

/* Registers per transfer: TUPE staff groups, estate sites and IT systems, and the plan tasks that point at them. */

export interface TOrgRef {
  id: string;
  name: string;
  shortName: string;
}

interface TRowMeta {
  id: string;
  programmeId: string;
  transferId: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const meta = (r: {
  id: string;
  programme_id: string;
  transfer_id: string;
  created_at: Date;
  updated_at: Date;
  version: number;
}): TRowMeta => ({
  id: r.id,
  programmeId: r.programme_id,
  transferId: r.transfer_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

/* ---------- TUPE staff groups ---------- */

export interface TStaffGroupWrite {
  outgoingEmployerId: string;
  incomingEmployerId: string;
  service: string;
  site: string;
  headcount: number;
  wte: number;
  bands: string;
  unions: string;
  eliSentOn: string | null;
  eliCompleteOn: string | null;
  measuresLetterOn: string | null;
  consultationStart: string | null;
  consultationEnd: string | null;
  pensionStatus: TPensionStatus;
  objectors: number;
  notes: string;
  weeklyPayGbp?: number | null;
  percentTimeOnService?: number | null;
}

export interface TStaffGroupRow
  extends TRowMeta, Omit<TStaffGroupWrite, 'outgoingEmployerId' | 'incomingEmployerId'> {
  outgoingEmployer: TOrgRef;
  incomingEmployer: TOrgRef;
  /** The incoming employer's kind: an NHS trust keeps its staff in the NHS Pension Scheme. */
  incomingEmployerKind: string;
}

function selectStaffGroups(db: Executor) {
  return db
    .selectFrom('tupe_staff_groups as g')
    .innerJoin('organisations as o', 'o.id', 'g.outgoing_employer_id')
    .innerJoin('organisations as i', 'i.id', 'g.incoming_employer_id')
    .selectAll('g')
    .select([
      'o.name as out_name',
      'o.short_name as out_short',
      'i.name as in_name',
      'i.short_name as in_short',
      'i.kind as in_kind',
    ]);
}
type StaffGroupDbRow = Awaited<ReturnType<ReturnType<typeof selectStaffGroups>['executeTakeFirstOrThrow']>>;

function toStaffGroup(r: StaffGroupDbRow): TStaffGroupRow {
  return {
    ...meta(r),
    outgoingEmployer: { id: r.outgoing_employer_id, name: r.out_name, shortName: r.out_short },
    incomingEmployer: { id: r.incoming_employer_id, name: r.in_name, shortName: r.in_short },
    incomingEmployerKind: r.in_kind,
    service: r.service,
    site: r.site,
    headcount: r.headcount,
    wte: Number(r.wte),
    bands: r.bands,
    unions: r.unions,
    eliSentOn: r.eli_sent_on,
    eliCompleteOn: r.eli_complete_on,
    measuresLetterOn: r.measures_letter_on,
    consultationStart: r.consultation_start,
    consultationEnd: r.consultation_end,
    pensionStatus: r.pension_status as TPensionStatus,
    objectors: r.objectors,
    notes: r.notes,
    weeklyPayGbp: r.weekly_pay_gbp === null ? null : Number(r.weekly_pay_gbp),
    percentTimeOnService: r.percent_time_on_service,
  };
}

const staffGroupColumns = (w: TStaffGroupWrite) => ({
  outgoing_employer_id: w.outgoingEmployerId,
  incoming_employer_id: w.incomingEmployerId,
  service: w.service,
  site: w.site,
  headcount: w.headcount,
  wte: w.wte,
  bands: w.bands,
  unions: w.unions,
  eli_sent_on: w.eliSentOn,
  eli_complete_on: w.eliCompleteOn,
  measures_letter_on: w.measuresLetterOn,
  consultation_start: w.consultationStart,
  consultation_end: w.consultationEnd,
  pension_status: w.pensionStatus,
  objectors: w.objectors,
  notes: w.notes,
  weekly_pay_gbp: w.weeklyPayGbp ?? null,
  percent_time_on_service: w.percentTimeOnService ?? null,
});

/** The write shape of a stored row: what an update starts from before applying a patch. */
export const staffGroupWriteOf = (g: TStaffGroupRow): TStaffGroupWrite => ({
  outgoingEmployerId: g.outgoingEmployer.id,
  incomingEmployerId: g.incomingEmployer.id,
  service: g.service,
  site: g.site,
  headcount: g.headcount,
  wte: g.wte,
  bands: g.bands,
  unions: g.unions,
  eliSentOn: g.eliSentOn,
  eliCompleteOn: g.eliCompleteOn,
  measuresLetterOn: g.measuresLetterOn,
  consultationStart: g.consultationStart,
  consultationEnd: g.consultationEnd,
  pensionStatus: g.pensionStatus,
  objectors: g.objectors,
  notes: g.notes,
  weeklyPayGbp: g.weeklyPayGbp ?? null,
  percentTimeOnService: g.percentTimeOnService ?? null,
});

export async function listStaffGroups(db: Executor, transferId: string): Promise<TStaffGroupRow[]> {
  const rows = await selectStaffGroups(db)
    .where('g.transfer_id', '=', transferId)
    .orderBy('g.service')
    .orderBy('g.site')
    .orderBy('g.created_at')
    .execute();
  return rows.map(toStaffGroup);
}

export async function findStaffGroup(
  db: Executor,
  programmeId: string,
  id: string,
): Promise<TStaffGroupRow | undefined> {
  const r = await selectStaffGroups(db)
    .where('g.programme_id', '=', programmeId)
    .where('g.id', '=', id)
    .executeTakeFirst();
  return r && toStaffGroup(r);
}

export async function insertStaffGroup(
  db: Executor,
  programmeId: string,
  transferId: string,
  w: TStaffGroupWrite,
): Promise<TStaffGroupRow> {
  const { id } = await db
    .insertInto('tupe_staff_groups')
    .values({ ...staffGroupColumns(w), programme_id: programmeId, transfer_id: transferId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findStaffGroup(db, programmeId, id))!;
}

export async function updateStaffGroup(
  db: Executor,
  before: TStaffGroupRow,
  w: TStaffGroupWrite,
  version: number,
): Promise<TStaffGroupRow> {
  const r = await db
    .updateTable('tupe_staff_groups')
    .set({ ...staffGroupColumns(w), ...bumpVersion() })
    .where('id', '=', before.id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (!r) staleOrMissing('staff group', await findStaffGroup(db, before.programmeId, before.id));
  return (await findStaffGroup(db, before.programmeId, before.id))!;
}

export async function deleteStaffGroup(db: Executor, before: TStaffGroupRow, version: number): Promise<void> {
  const r = await db
    .deleteFrom('tupe_staff_groups')
    .where('id', '=', before.id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (!r) staleOrMissing('staff group', await findStaffGroup(db, before.programmeId, before.id));
}

/* ---------- estate sites ---------- */

export interface TSiteWrite {
  name: string;
  address: string;
  landlordType: TLandlordType;
  tenure: TTenure;
  route: TSiteRoute;
  landlordConsent: TLandlordConsent;
  cqcLocationStatus: TCqcLocationStatus;
  readinessNote: string;
}

export interface TSiteRow extends TRowMeta, TSiteWrite {}

function selectSites(db: Executor) {
  return db.selectFrom('estate_sites as s').selectAll('s');
}
type SiteDbRow = Awaited<ReturnType<ReturnType<typeof selectSites>['executeTakeFirstOrThrow']>>;

function toSite(r: SiteDbRow): TSiteRow {
  return {
    ...meta(r),
    name: r.name,
    address: r.address,
    landlordType: r.landlord_type as TLandlordType,
    tenure: r.tenure as TTenure,
    route: r.route as TSiteRoute,
    landlordConsent: r.landlord_consent as TLandlordConsent,
    cqcLocationStatus: r.cqc_location_status as TCqcLocationStatus,
    readinessNote: r.readiness_note,
  };
}

const siteColumns = (w: TSiteWrite) => ({
  name: w.name,
  address: w.address,
  landlord_type: w.landlordType,
  tenure: w.tenure,
  route: w.route,
  landlord_consent: w.landlordConsent,
  cqc_location_status: w.cqcLocationStatus,
  readiness_note: w.readinessNote,
});

export const siteWriteOf = (s: TSiteRow): TSiteWrite => ({
  name: s.name,
  address: s.address,
  landlordType: s.landlordType,
  tenure: s.tenure,
  route: s.route,
  landlordConsent: s.landlordConsent,
  cqcLocationStatus: s.cqcLocationStatus,
  readinessNote: s.readinessNote,
});

export async function listSites(db: Executor, transferId: string): Promise<TSiteRow[]> {
  const rows = await selectSites(db)
    .where('s.transfer_id', '=', transferId)
    .orderBy('s.name')
    .orderBy('s.created_at')
    .execute();
  return rows.map(toSite);
}

export async function findSite(db: Executor, programmeId: string, id: string): Promise<TSiteRow | undefined> {
  const r = await selectSites(db)
    .where('s.programme_id', '=', programmeId)
    .where('s.id', '=', id)
    .executeTakeFirst();
  return r && toSite(r);
}

export async function insertSite(
  db: Executor,
  programmeId: string,
  transferId: string,
  w: TSiteWrite,
): Promise<TSiteRow> {
  const { id } = await db
    .insertInto('estate_sites')
    .values({ ...siteColumns(w), programme_id: programmeId, transfer_id: transferId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findSite(db, programmeId, id))!;
}

export async function updateSite(
  db: Executor,
  before: TSiteRow,
  w: TSiteWrite,
  version: number,
): Promise<TSiteRow> {
  const r = await db
    .updateTable('estate_sites')
    .set({ ...siteColumns(w), ...bumpVersion() })
    .where('id', '=', before.id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (!r) staleOrMissing('site', await findSite(db, before.programmeId, before.id));
  return (await findSite(db, before.programmeId, before.id))!;
}

export async function deleteSite(db: Executor, before: TSiteRow, version: number): Promise<void> {
  const r = await db
    .deleteFrom('estate_sites')
    .where('id', '=', before.id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (!r) staleOrMissing('site', await findSite(db, before.programmeId, before.id));
}

/* ---------- IT systems ---------- */

export interface TSystemWrite {
  name: string;
  supplier: string;
  systemType: TSystemType;
  dataControllerBeforeId: string;
  dataControllerAfterId: string;
  migrationMethod: TMigrationMethod;
  finalExtractDate: string | null;
  cutoverStart: string | null;
  goLiveDate: string | null;
  /** Null: go-live plus the transfer's legacy access days (derived on read). */
  legacyAccessEnd: string | null;
  dpiaStatus: TAssuranceStatus;
  dsaStatus: TAssuranceStatus;
  dsptStatus: TAssuranceStatus;
  safetyCaseStatus: TAssuranceStatus;
  notes: string;
}

export interface TSystemRow
  extends TRowMeta, Omit<TSystemWrite, 'dataControllerBeforeId' | 'dataControllerAfterId'> {
  dataControllerBefore: TOrgRef;
  dataControllerAfter: TOrgRef;
}

function selectSystems(db: Executor) {
  return db
    .selectFrom('it_systems as y')
    .innerJoin('organisations as b', 'b.id', 'y.data_controller_before_id')
    .innerJoin('organisations as a', 'a.id', 'y.data_controller_after_id')
    .selectAll('y')
    .select([
      'b.name as before_name',
      'b.short_name as before_short',
      'a.name as after_name',
      'a.short_name as after_short',
    ]);
}
type SystemDbRow = Awaited<ReturnType<ReturnType<typeof selectSystems>['executeTakeFirstOrThrow']>>;

function toSystem(r: SystemDbRow): TSystemRow {
  return {
    ...meta(r),
    name: r.name,
    supplier: r.supplier,
    systemType: r.system_type as TSystemType,
    dataControllerBefore: { id: r.data_controller_before_id, name: r.before_name, shortName: r.before_short },
    dataControllerAfter: { id: r.data_controller_after_id, name: r.after_name, shortName: r.after_short },
    migrationMethod: r.migration_method as TMigrationMethod,
    finalExtractDate: r.final_extract_date,
    cutoverStart: r.cutover_start,
    goLiveDate: r.go_live_date,
    legacyAccessEnd: r.legacy_access_end,
    dpiaStatus: r.dpia_status as TAssuranceStatus,
    dsaStatus: r.dsa_status as TAssuranceStatus,
    dsptStatus: r.dspt_status as TAssuranceStatus,
    safetyCaseStatus: r.safety_case_status as TAssuranceStatus,
    notes: r.notes,
  };
}

const systemColumns = (w: TSystemWrite) => ({
  name: w.name,
  supplier: w.supplier,
  system_type: w.systemType,
  data_controller_before_id: w.dataControllerBeforeId,
  data_controller_after_id: w.dataControllerAfterId,
  migration_method: w.migrationMethod,
  final_extract_date: w.finalExtractDate,
  cutover_start: w.cutoverStart,
  go_live_date: w.goLiveDate,
  legacy_access_end: w.legacyAccessEnd,
  dpia_status: w.dpiaStatus,
  dsa_status: w.dsaStatus,
  dspt_status: w.dsptStatus,
  safety_case_status: w.safetyCaseStatus,
  notes: w.notes,
});

export const systemWriteOf = (s: TSystemRow): TSystemWrite => ({
  name: s.name,
  supplier: s.supplier,
  systemType: s.systemType,
  dataControllerBeforeId: s.dataControllerBefore.id,
  dataControllerAfterId: s.dataControllerAfter.id,
  migrationMethod: s.migrationMethod,
  finalExtractDate: s.finalExtractDate,
  cutoverStart: s.cutoverStart,
  goLiveDate: s.goLiveDate,
  legacyAccessEnd: s.legacyAccessEnd,
  dpiaStatus: s.dpiaStatus,
  dsaStatus: s.dsaStatus,
  dsptStatus: s.dsptStatus,
  safetyCaseStatus: s.safetyCaseStatus,
  notes: s.notes,
});

export async function listSystems(db: Executor, transferId: string): Promise<TSystemRow[]> {
  const rows = await selectSystems(db)
    .where('y.transfer_id', '=', transferId)
    .orderBy('y.name')
    .orderBy('y.created_at')
    .execute();
  return rows.map(toSystem);
}

export async function findSystem(
  db: Executor,
  programmeId: string,
  id: string,
): Promise<TSystemRow | undefined> {
  const r = await selectSystems(db)
    .where('y.programme_id', '=', programmeId)
    .where('y.id', '=', id)
    .executeTakeFirst();
  return r && toSystem(r);
}

export async function insertSystem(
  db: Executor,
  programmeId: string,
  transferId: string,
  w: TSystemWrite,
): Promise<TSystemRow> {
  const { id } = await db
    .insertInto('it_systems')
    .values({ ...systemColumns(w), programme_id: programmeId, transfer_id: transferId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findSystem(db, programmeId, id))!;
}

export async function updateSystem(
  db: Executor,
  before: TSystemRow,
  w: TSystemWrite,
  version: number,
): Promise<TSystemRow> {
  const r = await db
    .updateTable('it_systems')
    .set({ ...systemColumns(w), ...bumpVersion() })
    .where('id', '=', before.id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (!r) staleOrMissing('system', await findSystem(db, before.programmeId, before.id));
  return (await findSystem(db, before.programmeId, before.id))!;
}

export async function deleteSystem(db: Executor, before: TSystemRow, version: number): Promise<void> {
  const r = await db
    .deleteFrom('it_systems')
    .where('id', '=', before.id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (!r) staleOrMissing('system', await findSystem(db, before.programmeId, before.id));
}

/* ---------- plan tasks and risks carried by register rows ---------- */

export interface TRegisterLinks {
  staffGroupId: string | null;
  siteId: string | null;
  systemId: string | null;
}

export interface TRegisterTask extends TRegisterLinks {
  id: string;
  title: string;
  status: TTaskStatus;
  dueDate: string;
  owningOrganisationId: string;
}

/** Plan tasks of a transfer that point at one of its register rows. */
export async function registerTasksForTransfer(db: Executor, transferId: string): Promise<TRegisterTask[]> {
  const rows = await db
    .selectFrom('plan_tasks')
    .select([
      'id',
      'title',
      'status',
      'due_date',
      'owning_organisation_id',
      'staff_group_id',
      'site_id',
      'system_id',
    ])
    .where('transfer_id', '=', transferId)
    .where((eb) =>
      eb.or([
        eb('staff_group_id', 'is not', null),
        eb('site_id', 'is not', null),
        eb('system_id', 'is not', null),
      ]),
    )
    .orderBy('due_date')
    .orderBy('title')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status as TTaskStatus,
    dueDate: r.due_date,
    owningOrganisationId: r.owning_organisation_id,
    staffGroupId: r.staff_group_id,
    siteId: r.site_id,
    systemId: r.system_id,
  }));
}

/**
 * Risks whose mitigation actions are delivered by tasks pointing at a register row of this transfer, as far
 * as the reader may see them.
 */
export async function registerRisksForTransfer(db: Executor, transferId: string, visibility: TVisibility) {
  const rows = await db
    .selectFrom('mitigation_actions as a')
    .innerJoin('plan_tasks as k', 'k.id', 'a.task_id')
    .innerJoin('risks as r', 'r.id', 'a.risk_id')
    .select([
      'r.id',
      'r.number',
      'r.title',
      'r.current_score',
      'r.status',
      'r.owning_organisation_id',
      'k.staff_group_id',
      'k.site_id',
      'k.system_id',
    ])
    .distinct()
    .where('k.transfer_id', '=', transferId)
    .where(visibleWhere(visibility, 'r.owning_organisation_id'))
    .where((eb) =>
      eb.or([
        eb('k.staff_group_id', 'is not', null),
        eb('k.site_id', 'is not', null),
        eb('k.system_id', 'is not', null),
      ]),
    )
    .orderBy('r.current_score', 'desc')
    .orderBy('r.number')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    currentScore: r.current_score,
    status: r.status,
    owningOrganisationId: r.owning_organisation_id,
    staffGroupId: r.staff_group_id,
    siteId: r.site_id,
    systemId: r.system_id,
  }));
}

export async function taskRegisterLinks(db: Executor, taskId: string): Promise<TRegisterLinks | undefined> {
  const r = await db
    .selectFrom('plan_tasks')
    .select(['staff_group_id', 'site_id', 'system_id'])
    .where('id', '=', taskId)
    .executeTakeFirst();
  return r && { staffGroupId: r.staff_group_id, siteId: r.site_id, systemId: r.system_id };
}

/** Point a plan task at register rows (null clears a link); a versioned update of the task. */
export async function setTaskRegisterLinks(
  db: Executor,
  task: { id: string; programmeId: string },
  links: TRegisterLinks,
  version: number,
): Promise<{ version: number }> {
  const r = await db
    .updateTable('plan_tasks')
    .set({
      staff_group_id: links.staffGroupId,
      site_id: links.siteId,
      system_id: links.systemId,
      ...bumpVersion(),
    })
    .where('id', '=', task.id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
  if (!r) staleOrMissing('task', await findTask(db, task.programmeId, task.id));
  return { version: r.version };
}

/** The three registers of several transfers at once (readiness of a whole programme in three queries). */
export async function listRegistersForTransfers(db: Executor, transferIds: readonly string[]) {
  if (!transferIds.length) return { staffGroups: [], sites: [], systems: [] };
  const ids = [...transferIds];
  const [staffGroups, sites, systems] = await Promise.all([
    selectStaffGroups(db).where('g.transfer_id', 'in', ids).orderBy('g.service').execute(),
    selectSites(db).where('s.transfer_id', 'in', ids).orderBy('s.name').execute(),
    selectSystems(db).where('y.transfer_id', 'in', ids).orderBy('y.name').execute(),
  ]);
  return {
    staffGroups: staffGroups.map(toStaffGroup),
    sites: sites.map(toSite),
    systems: systems.map(toSystem),
  };
}
