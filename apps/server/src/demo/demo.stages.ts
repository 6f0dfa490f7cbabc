import { replaceStages, recordAudit, type Database } from '@baton/db';
import {
  addDays,
  daysBetween,
  stagesFromTemplate,
  type TIsoDate,
  type TProcurementRoute,
} from '@baton/domain';

/*
 * The demo programmes' timelines, from their routes' templates: the community programme awarded (its
 * intention to award and award on the programme's own dates, one stage finished late) and in mobilisation; the
 * therapy procurement past engagement (due diligence finished late) with its tender stage slipping.
 */

interface TDemoStage {
  key: string | null;
  label: string;
  kind: 'stage' | 'checkpoint' | 'standstill';
  plannedStart: TIsoDate;
  plannedEnd: TIsoDate;
  actualStart: TIsoDate | null;
  actualEnd: TIsoDate | null;
  forecastEnd: TIsoDate | null;
  rule: string;
  notes: string;
}

const min = (a: TIsoDate, b: TIsoDate) => (a < b ? a : b);

async function seedOne(
  db: Database,
  code: string,
  today: TIsoDate,
  adjust: (stages: TDemoStage[], p: { intentionToAward: TIsoDate | null; award: TIsoDate | null }) => void,
) {
  const p = await db
    .selectFrom('programmes')
    .select([
      'id',
      'procurement_route',
      'expected_service_commencement',
      'intention_to_award_date',
      'contract_award_date',
    ])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!p) return;
  const stages: TDemoStage[] = stagesFromTemplate(
    p.procurement_route as TProcurementRoute,
    p.expected_service_commencement,
  ).map((t) => ({
    key: t.key,
    label: t.label,
    kind: t.kind,
    plannedStart: t.plannedStart,
    plannedEnd: t.plannedEnd,
    actualStart: null,
    actualEnd: null,
    forecastEnd: null,
    rule: t.rule ?? '',
    notes: '',
  }));
  // What is past happened on plan unless the programme says otherwise below.
  for (const st of stages) {
    if (st.plannedStart <= today) st.actualStart = st.plannedStart;
    if (st.plannedEnd < today) st.actualEnd = st.plannedEnd;
  }
  adjust(stages, { intentionToAward: p.intention_to_award_date, award: p.contract_award_date });
  const rows = await replaceStages(db, p.id, stages);
  await recordAudit(db, {
    actorUserId: null,
    programmeId: p.id,
    organisationId: null,
    audience: { kind: 'public' },
    entityType: 'programme_stage',
    entityId: p.id,
    action: 'create',
    summary: `Timeline laid out (${rows.length} stages)`,
    after: { stages: rows.length },
  });
}

export async function seedDemoStages(trx: unknown, today: TIsoDate): Promise<void> {
  const db = trx as Database;
  await seedOne(db, 'SVCMH', today, (stages, p) => {
    const at = (key: string) => stages.find((s) => s.key === key)!;
    if (p.intentionToAward) {
      const ita = at('intention_to_award');
      Object.assign(ita, {
        plannedStart: p.intentionToAward,
        plannedEnd: p.intentionToAward,
        actualStart: p.intentionToAward,
        actualEnd: p.intentionToAward,
      });
    }
    if (p.award) {
      const award = at('contract_award');
      Object.assign(award, {
        plannedStart: addDays(p.award, -13),
        plannedEnd: p.award,
        actualStart: addDays(p.award, -13),
        actualEnd: p.award,
      });
    }
    if (p.intentionToAward) {
      // The stages before the intention to award, moved to end a week before the programme's own date.
      const isap2 = at('isap_2');
      const shift = daysBetween(isap2.plannedEnd, addDays(p.intentionToAward, -7));
      for (const st of stages.slice(0, stages.indexOf(isap2) + 1)) {
        st.plannedStart = addDays(st.plannedStart, shift);
        st.plannedEnd = addDays(st.plannedEnd, shift);
        st.actualStart = st.plannedStart;
        st.actualEnd = st.plannedEnd;
      }
    }
    if (p.award) {
      const mobilisation = at('mobilisation');
      mobilisation.plannedStart = mobilisation.actualStart = addDays(p.award, 1);
    }
    // Dialogue ran three weeks over before final tenders.
    const itcd = at('itcd');
    itcd.actualEnd = min(addDays(itcd.plannedEnd, 21), addDays(today, -1));
    itcd.notes = 'Extended by three weeks to close the estates and IT dialogue sessions.';
  });
  await seedOne(db, 'SVSLT', today, (stages) => {
    // Two months into the procurement: dates from the programme board's plan, relative to today.
    const plan: Record<string, [number, number]> = {
      engagement: [-150, -76],
      due_diligence: [-75, -30],
      isap_1: [-28, -28],
      tender: [-20, 10],
      evaluation: [11, 38],
      isap_2: [40, 40],
      intention_to_award: [45, 45],
      contract_award: [60, 73],
    };
    for (const st of stages) {
      const d = st.key ? plan[st.key] : undefined;
      if (!d) continue;
      st.plannedStart = addDays(today, d[0]);
      st.plannedEnd = addDays(today, d[1]);
      st.actualStart = st.plannedStart <= today ? st.plannedStart : null;
      st.actualEnd = st.plannedEnd < today ? st.plannedEnd : null;
    }
    const mobilisation = stages.find((s) => s.key === 'mobilisation')!;
    mobilisation.plannedStart = addDays(today, 74);
    // Due diligence finished nine days late: the incumbent's caseload data came late.
    const dd = stages.find((s) => s.key === 'due_diligence')!;
    dd.actualEnd = addDays(dd.plannedEnd, 9);
    dd.notes = 'The incumbent’s caseload and staffing information arrived nine days late.';
    // The tender stage is forecast to run late: bidders asked for more time after the late information.
    const tender = stages.find((s) => s.key === 'tender')!;
    tender.forecastEnd = addDays(tender.plannedEnd, 12);
    tender.notes = 'Bidders asked for more time after the caseload information was released late.';
  });
}
