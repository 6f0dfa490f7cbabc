import {
  addDays,
  daysBetween,
  planFromTemplate,
  type TIsoDate,
  type TTaskKind,
  type TTaskStatus,
  type TWorkstream,
} from '@baton/domain';
import { sql, type Kysely } from 'kysely';

/*
 * The demo programme's transition: one transfer per outgoing -> incoming pair per lot (a merge on Lot 3 and
 * splits of Wyebridge and Avonmere), each with the standard plan plus the detail a real plan grows, dated
 * to the programme's commencement. Work due before today is mostly done; a few tasks slip, so the
 * readiness view has a story to tell. Deterministic for a given `today`.
 */

/** Extra tasks a real plan accumulates, per workstream: [title, owner side, starts days before, duration]. */
const DETAIL: Array<[TWorkstream, string, 'outgoing' | 'incoming' | 'commissioner', number, number]> = [
  ['workforce_tupe', 'Due diligence on staff records and right-to-work checks', 'incoming', 110, 30],
  ['workforce_tupe', 'One-to-one meetings with transferring staff', 'incoming', 70, 40],
  ['workforce_tupe', 'Union side meetings (UNISON, RCN, Unite)', 'outgoing', 95, 60],
  ['workforce_tupe', 'Transfer of occupational health and DBS records', 'outgoing', 40, 25],
  ['workforce_tupe', 'Agree arrangements for staff on long-term sickness and secondment', 'incoming', 80, 30],
  ['estates_facilities', 'Condition surveys of clinical bases', 'incoming', 140, 30],
  ['estates_facilities', 'Agree furniture, fixtures and equipment schedule', 'outgoing', 75, 30],
  ['estates_facilities', 'Keys, alarms and access fobs handover plan', 'outgoing', 20, 15],
  ['it_data_records', 'Clinical system configuration and templates built', 'incoming', 100, 60],
  ['it_data_records', 'Test data migration and reconcile caseloads', 'incoming', 60, 30],
  ['it_data_records', 'Telephony and number porting arranged', 'incoming', 70, 45],
  ['it_data_records', 'Device rebuild and network cutover plan', 'incoming', 50, 40],
  ['it_data_records', 'Paper records inventory and transfer', 'outgoing', 60, 45],
  ['information_governance', 'Records retention and legacy access agreement', 'outgoing', 90, 40],
  ['information_governance', 'Privacy notices updated for patients', 'incoming', 40, 20],
  [
    'clinical_safety_caseload',
    'Quality and safety handover report (incidents, complaints, SIs)',
    'outgoing',
    70,
    30,
  ],
  ['clinical_safety_caseload', 'Safeguarding caseload handover and MASH notification', 'outgoing', 30, 20],
  ['clinical_safety_caseload', 'Medicines management and prescribing arrangements', 'incoming', 60, 40],
  ['cqc_registration', 'Registered manager applications', 'incoming', 130, 80],
  ['cqc_registration', 'Statement of purpose updated', 'incoming', 120, 20],
  ['contracts_finance', 'Asset transfer schedule and valuation', 'commissioner', 100, 45],
  ['contracts_finance', 'Mobilisation payment milestones agreed', 'commissioner', 120, 30],
  ['contracts_finance', 'Information schedule and KPIs baselined', 'commissioner', 80, 40],
  ['communications_engagement', 'Healthwatch and patient group briefings', 'commissioner', 90, 60],
  ['communications_engagement', 'GP practices and partner briefings', 'incoming', 50, 30],
  ['communications_engagement', 'Website, leaflets and signage changed', 'incoming', 25, 25],
];

/**
 * The transition lead's own running actions on the first transfer, dated from today rather than from the
 * transfer date: the commencement date is the first of a month four months ahead, so the template's tasks fall
 * due on different days of the lead's fortnight depending on the day the demo is loaded, and some days none do.
 * [workstream, title, starts days from today, due days from today]
 */
const LEAD_TASKS: Array<[TWorkstream, string, number, number]> = [
  ['communications_engagement', 'Prepare the transition board highlight report', -3, 4],
  ['contracts_finance', 'Confirm the novation schedule for the VCSE subcontracts', -10, 9],
  ['clinical_safety_caseload', 'Agree the caseload handover checklist with both clinical leads', -2, 12],
];

/** Detail tasks that cannot start before a standard task is finished: where a lead finds work blocked. */
const DETAIL_AFTER: Record<string, string> = {
  'Due diligence on staff records and right-to-work checks': 'staff_list',
  'Clinical system configuration and templates built': 'systems',
  'Test data migration and reconcile caseloads': 'migration_plan',
  'Keys, alarms and access fobs handover plan': 'landlord',
  'Asset transfer schedule and valuation': 'baseline',
  'Mobilisation payment milestones agreed': 'baseline',
  'Information schedule and KPIs baselined': 'baseline',
};

/** A tiny deterministic generator: the demo is the same every time for the same day. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Party {
  organisation_id: string;
  role: string;
  lot_id: string | null;
}

export async function seedDemoTransition(
  trx: Kysely<any>,
  today: TIsoDate,
): Promise<{ transfers: number; tasks: number }> {
  const programme = await trx
    .selectFrom('programmes')
    .select(['id', 'expected_service_commencement'])
    .where('code', '=', 'SVCMH')
    .executeTakeFirst();
  if (!programme) return { transfers: 0, tasks: 0 };
  const transferDate = programme.expected_service_commencement as TIsoDate;
  const lots = await trx
    .selectFrom('lots')
    .select(['id', 'code', 'name'])
    .where('programme_id', '=', programme.id)
    .orderBy('code')
    .execute();
  const parties = (await trx
    .selectFrom('programme_parties')
    .select(['organisation_id', 'role', 'lot_id'])
    .where('programme_id', '=', programme.id)
    .execute()) as Party[];
  const orgs = new Map(
    (await trx.selectFrom('organisations').select(['id', 'short_name']).execute()).map(
      (o: { id: string; short_name: string }) => [o.id, o.short_name],
    ),
  );
  const members = await trx
    .selectFrom('programme_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.organisation_id', 'm.role'])
    .where('m.programme_id', '=', programme.id)
    .execute();
  const commissioner = parties.find((p) => p.role === 'lead_commissioner')!.organisation_id;
  const lead = members.find((m: { role: string }) => m.role === 'transition_lead')?.id ?? null;
  const assigneeFor = (orgId: string, i: number) => {
    const mine = members.filter(
      (m: { organisation_id: string; role: string }) =>
        m.organisation_id === orgId && m.role !== 'executive_viewer',
    );
    return mine.length ? mine[i % mine.length]!.id : orgId === commissioner ? lead : null;
  };
  const rnd = prng(daysBetween('2020-01-01', today));

  let transfers = 0;
  let tasks = 0;
  for (const lot of lots) {
    const outgoing = parties.filter((p) => p.role === 'outgoing_provider' && p.lot_id === lot.id);
    const incoming = parties.filter((p) => p.role === 'incoming_provider' && p.lot_id === lot.id);
    for (const out of outgoing) {
      for (const inc of incoming) {
        const name = `${lot.code}: ${orgs.get(out.organisation_id)} to ${orgs.get(inc.organisation_id)}`;
        const redundancies = lot.code === 'Lot 4' ? 24 : 0;
        const transfer = await trx
          .insertInto('transfers')
          .values({
            programme_id: programme.id,
            lot_id: lot.id,
            name,
            outgoing_organisation_id: out.organisation_id,
            incoming_organisation_id: inc.organisation_id,
            services: lot.name,
            planned_transfer_date: transferDate,
            status: 'in_progress',
            proposed_redundancies: redundancies,
            first_dismissal_date: redundancies ? addDays(transferDate, 60) : null,
            legacy_access_days: 90,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        transfers++;
        const owner = { outgoing: out.organisation_id, incoming: inc.organisation_id, commissioner };
        // Plans differ as real ones do: the first finishes its last work a fortnight early (margin in hand);
        // the second has smartcard provisioning re-planned past the transfer date (forecast late); the rest are
        // planned to finish on the day, with no margin.
        const shape = (key: string, start: TIsoDate, due: TIsoDate): [TIsoDate, TIsoDate] => {
          if (transfers === 1 && key !== 'go_live' && due >= addDays(transferDate, -14) && start > today)
            return [addDays(start, -14), addDays(due, -14)];
          if (transfers === 2 && key === 'smartcards') return [start, addDays(transferDate, 9)];
          return [start, due];
        };
        const template = planFromTemplate(transferDate).map((t) => ({
          key: t.key as string | null,
          title: t.title,
          workstream: t.workstream,
          kind: t.kind,
          owner: owner[t.owner],
          startDate: shape(t.key, t.startDate, t.dueDate)[0],
          dueDate: shape(t.key, t.startDate, t.dueDate)[1],
          conditionPrecedent: t.conditionPrecedent ?? false,
          gateCriteria: t.gateCriteria ?? '',
          after: t.after ?? [],
        }));
        const detail = DETAIL.map(([workstream, title, side, before, duration]) => {
          const [startDate, dueDate] = shape(
            '',
            addDays(transferDate, -before),
            addDays(transferDate, duration - before),
          );
          return {
            key: null,
            title,
            workstream,
            kind: 'task' as TTaskKind,
            owner: owner[side],
            startDate,
            dueDate,
            conditionPrecedent: false,
            gateCriteria: '',
            after: [] as string[],
          };
        });
        const leadTasks = (transfers === 1 ? LEAD_TASKS : []).map(([workstream, title, start, due]) => ({
          key: null,
          title,
          workstream,
          kind: 'task' as TTaskKind,
          owner: commissioner,
          startDate: addDays(today, start),
          dueDate: addDays(today, due),
          conditionPrecedent: false,
          gateCriteria: '',
          after: [] as string[],
          assignee: lead,
        }));
        const rows = [...template, ...detail, ...leadTasks].map((t, i) => {
          // Work due well before today is done; some recent work slips; a few things started early.
          const r = rnd();
          let status: TTaskStatus = 'not_started';
          let percent = 0;
          let completedOn: TIsoDate | null = null;
          if (t.dueDate < addDays(today, -21)) {
            if (r < 0.9) status = 'done';
            else status = 'in_progress';
          } else if (t.dueDate < today) {
            status = r < 0.55 ? 'done' : r < 0.85 ? 'in_progress' : 'blocked';
          } else if (t.startDate <= today) {
            status = r < 0.2 ? 'done' : 'in_progress';
          }
          if (status === 'done') {
            percent = 100;
            completedOn = addDays(t.dueDate, Math.round(rnd() * 6) - 3);
            if (completedOn > today) completedOn = today;
          } else if (status === 'in_progress' || status === 'blocked') {
            percent = 10 + Math.round(rnd() * 7) * 10;
          }
          return {
            programme_id: programme.id,
            transfer_id: transfer.id,
            template_key: t.key,
            title: t.title,
            description: '',
            workstream: t.workstream,
            kind: t.kind,
            owning_organisation_id: t.owner,
            assignee_user_id: 'assignee' in t ? t.assignee : assigneeFor(t.owner, i),
            start_date: t.startDate,
            due_date: t.dueDate,
            status,
            percent_complete: percent,
            evidence: status === 'done' ? 'Confirmed at the transition board' : '',
            condition_precedent: t.conditionPrecedent,
            gate_criteria: t.gateCriteria,
            gate_criteria_met: false,
            completed_on: completedOn,
            // Started work started when planned (finished work no later than it finished).
            actual_start:
              status === 'not_started'
                ? null
                : completedOn && completedOn < t.startDate
                  ? completedOn
                  : t.startDate > today
                    ? today
                    : t.startDate,
            // Three-point estimates where the work is most uncertain; other tasks use the default rule.
            ...(['it_data_records', 'estates_facilities', 'cqc_registration'].includes(t.workstream)
              ? (() => {
                  const d = Math.max(0, daysBetween(t.startDate, t.dueDate));
                  return { optimistic_days: Math.round(d * 0.85), pessimistic_days: Math.ceil(d * 1.8) };
                })()
              : {}),
          };
        });
        const inserted = await trx
          .insertInto('plan_tasks')
          .values(rows)
          .returning(['id', 'template_key'])
          .execute();
        tasks += inserted.length;
        const idOf = new Map(
          inserted
            .filter((r: { template_key: string | null }) => r.template_key)
            .map((r: { id: string; template_key: string }) => [r.template_key, r.id]),
        );
        const deps = template.flatMap((t) =>
          t.after.map((p) => ({
            predecessor_id: idOf.get(p)!,
            successor_id: idOf.get(t.key!)!,
            lag_days: 0,
            programme_id: programme.id,
          })),
        );
        // Detail tasks feed the go/no-go gate of their workstream's nearest template task.
        const gate = idOf.get('go_no_go')!;
        inserted
          .filter((r: { template_key: string | null }) => !r.template_key)
          .slice(0, DETAIL.length)
          .forEach((r: { id: string }, i: number) => {
            const after = DETAIL_AFTER[DETAIL[i]![1]];
            if (after)
              deps.push({
                predecessor_id: idOf.get(after)!,
                successor_id: r.id,
                lag_days: 0,
                programme_id: programme.id,
              });
            if (DETAIL[i]![3] - DETAIL[i]![4] > 3)
              deps.push({
                predecessor_id: r.id,
                successor_id: gate,
                lag_days: 0,
                programme_id: programme.id,
              });
          });
        await trx.insertInto('task_dependencies').values(deps).execute();
        await seedRegisters(trx, {
          programmeId: programme.id,
          transferId: transfer.id,
          lotCode: lot.code,
          lotName: lot.name,
          outgoing: out.organisation_id,
          incoming: inc.organisation_id,
          outName: orgs.get(out.organisation_id) ?? '',
          transferDate,
          today,
          rnd,
        });
        await trx
          .insertInto('audit_events')
          .values({
            actor_user_id: lead,
            programme_id: programme.id,
            organisation_id: null,
            audience: 'owners',
            audience_organisation_ids: [out.organisation_id, inc.organisation_id],
            entity_type: 'transfer',
            entity_id: transfer.id,
            action: 'create',
            summary: `Created transfer ${name} with the standard plan (${inserted.length} tasks)`,
            // Dated the morning of the day the demo is loaded, after the backdated history (and never later
            // than the moment it is loaded).
            occurred_at: new Date(
              Math.min(
                Date.parse(`${today}T08:00:${String(transfers).padStart(2, '0')}Z`),
                Date.now() - 5 * 60_000 + transfers * 1000,
              ),
            ),
          })
          .execute();
      }
    }
  }

  // Link the live risks of each workstream's theme to the transfers of the lots they affect.
  await sql`
    insert into risk_transfer_links (risk_id, transfer_id)
    select distinct r.id, t.id
    from risks r
    join risk_lots rl on rl.risk_id = r.id
    join transfers t on t.lot_id = rl.lot_id and t.programme_id = r.programme_id
    where r.programme_id = ${programme.id} and r.status in ('open', 'draft')
    on conflict do nothing`.execute(trx);
  // The escalated risks would delay the open task of their workstream that finishes last before go-live.
  await sql`
    insert into risk_task_impacts (risk_id, task_id, programme_id, impact_days)
    select distinct on (r.id, l.transfer_id) r.id, k.id, r.programme_id, 7 + (r.current_score % 4) * 7
    from risks r
    join risk_transfer_links l on l.risk_id = r.id
    join plan_tasks k on k.transfer_id = l.transfer_id and k.workstream = r.workstream
    where r.programme_id = ${programme.id} and r.status in ('open', 'draft') and r.current_score >= 12
      and k.status not in ('done', 'cancelled') and k.kind = 'task'
    order by r.id, l.transfer_id, k.due_date desc
    on conflict do nothing`.execute(trx);
  return { transfers, tasks };
}

const SERVICES: Record<string, Array<[string, number]>> = {
  'Lot 1': [
    ['District nursing', 86],
    ['Community physiotherapy', 24],
    ['Tissue viability', 9],
  ],
  'Lot 2': [
    ['Community mental health team (adults)', 58],
    ['Early intervention in psychosis', 17],
  ],
  'Lot 3': [
    ['Health visiting', 64],
    ['School nursing', 31],
    ['Community CAMHS', 27],
  ],
  'Lot 4': [
    ['Intermediate care beds', 72],
    ['Rapid response', 33],
  ],
};
const SITES: Record<string, Array<[string, string, string, string]>> = {
  'Lot 1': [
    ['Millbrook Health Centre', 'nhs_property_services', 'lease', 'assign'],
    ['Wyebridge Community Hospital (therapy wing)', 'nhs_trust', 'licence', 'licence'],
  ],
  'Lot 2': [['Orchard House CMHT base', 'private', 'lease', 'new_lease']],
  'Lot 3': [
    ['Riverside Children’s Centre', 'local_authority', 'licence', 'licence'],
    ['Kingsfold Clinic', 'community_health_partnerships', 'underlease', 'underlease'],
  ],
  'Lot 4': [
    ['Millbrook Community Hospital (Ward 3)', 'nhs_property_services', 'lease', 'assign'],
    ['Old Station Road office', 'private', 'lease', 'vacate'],
  ],
};
const SYSTEMS: Record<string, Array<[string, string, string, string]>> = {
  'Lot 1': [
    ['SystmOne community unit', 'TPP', 'clinical_record', 'extract_and_load'],
    ['Rostering (Allocate)', 'RLDatix', 'other', 'new_instance'],
  ],
  'Lot 2': [
    ['RiO', 'Servelec', 'clinical_record', 'extract_and_load'],
    ['Telephony (CMHT hub numbers)', 'BT', 'telephony', 'new_instance'],
  ],
  'Lot 3': [
    ['SystmOne child health', 'TPP', 'clinical_record', 'shared_instance'],
    ['Child health information system', 'System C', 'interface', 'extract_and_load'],
  ],
  'Lot 4': [
    ['EMIS Community', 'EMIS', 'clinical_record', 'extract_and_load'],
    ['Legacy paper-light archive', 'In-house', 'other', 'read_only_legacy'],
  ],
};

/** Staff groups, sites and systems for one transfer: the registers the readiness story draws on. */
async function seedRegisters(
  trx: Kysely<any>,
  t: {
    programmeId: string;
    transferId: string;
    lotCode: string;
    lotName: string;
    outgoing: string;
    incoming: string;
    outName: string;
    transferDate: TIsoDate;
    today: TIsoDate;
    rnd: () => number;
  },
): Promise<void> {
  const eliDue = addDays(t.transferDate, -28);
  const staff = (SERVICES[t.lotCode] ?? []).map(([service, headcount], i) => ({
    programme_id: t.programmeId,
    transfer_id: t.transferId,
    outgoing_employer_id: t.outgoing,
    incoming_employer_id: t.incoming,
    service,
    site: '',
    headcount: Math.max(4, Math.round(headcount * (0.5 + t.rnd() * 0.5))),
    wte: 0,
    bands: i % 2 ? 'Bands 3 to 7' : 'Bands 2 to 8a',
    unions: 'UNISON, RCN' + (i % 2 ? ', Unite' : ''),
    eli_sent_on: eliDue < t.today ? addDays(eliDue, -3) : null,
    eli_complete_on: null,
    measures_letter_on: addDays(t.transferDate, -60) < t.today ? addDays(t.transferDate, -60) : null,
    consultation_start: addDays(t.transferDate, -90) < t.today ? addDays(t.transferDate, -90) : null,
    consultation_end: null,
    pension_status: i === 0 ? 'nhs_pension_access' : 'new_fair_deal_direction',
    objectors: i === 0 ? 1 : 0,
    notes: '',
    // Average weekly pay of the group (Agenda for Change, roughly bands 5 and 6), and its time on the service.
    weekly_pay_gbp: i % 2 ? 640 : 760,
    percent_time_on_service: i === 2 ? 40 : 100,
  }));
  for (const s of staff) s.wte = Math.round(s.headcount * (0.78 + t.rnd() * 0.12) * 100) / 100;
  if (staff.length) await trx.insertInto('tupe_staff_groups').values(staff).execute();

  const sites = (SITES[t.lotCode] ?? []).map(([name, landlord, tenure, route], i) => ({
    programme_id: t.programmeId,
    transfer_id: t.transferId,
    name,
    address: `${name}, Severn Vale`,
    landlord_type: landlord,
    tenure,
    route,
    landlord_consent: route === 'vacate' ? 'not_needed' : i === 0 ? 'requested' : 'granted',
    cqc_location_status: route === 'vacate' ? 'not_required' : i === 0 ? 'applied' : 'approved',
    readiness_note: i === 0 ? 'Landlord has asked for a rent review before consenting to assignment' : '',
  }));
  if (sites.length) await trx.insertInto('estate_sites').values(sites).execute();

  const systems = (SYSTEMS[t.lotCode] ?? []).map(([name, supplier, type, method], i) => ({
    programme_id: t.programmeId,
    transfer_id: t.transferId,
    name,
    supplier,
    system_type: type,
    data_controller_before_id: t.outgoing,
    data_controller_after_id: t.incoming,
    migration_method: method,
    final_extract_date: addDays(t.transferDate, -4),
    cutover_start: addDays(t.transferDate, -3),
    go_live_date: t.transferDate,
    legacy_access_end: null,
    dpia_status: i === 0 ? 'in_progress' : 'complete',
    dsa_status: i === 0 ? 'in_progress' : 'complete',
    dspt_status: 'complete',
    safety_case_status: type === 'clinical_record' ? 'in_progress' : 'not_required',
    notes:
      type === 'clinical_record' ? `Trial extract from ${t.outName} reconciled to 98.6% of caseload` : '',
  }));
  if (systems.length) await trx.insertInto('it_systems').values(systems).execute();
}
