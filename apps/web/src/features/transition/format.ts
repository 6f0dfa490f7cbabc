import {
  RAG_LABELS,
  TASK_STATUS_LABELS,
  WORKSTREAM_LABELS,
  type TRag,
  type TTaskKind,
  type TTaskStatus,
  type TWorkstream,
} from '@baton/domain';
import { formatCount } from '../../lib/format';

export const ragLabel = (rag: TRag) => RAG_LABELS[rag];
export const statusLabel = (status: TTaskStatus) => TASK_STATUS_LABELS[status] ?? status;
export const workstreamLabel = (ws: TWorkstream) => WORKSTREAM_LABELS[ws] ?? ws;

/** Short names for the workstream RAG grid, where eight cells share a card's width. */
export const WORKSTREAM_SHORT: Record<TWorkstream, string> = {
  workforce_tupe: 'TUPE',
  estates_facilities: 'Estates',
  it_data_records: 'IT & data',
  information_governance: 'IG',
  clinical_safety_caseload: 'Clinical',
  cqc_registration: 'CQC',
  contracts_finance: 'Finance',
  communications_engagement: 'Comms',
};

export const TASK_KIND_LABELS: Record<TTaskKind, string> = {
  task: 'Task',
  milestone: 'Milestone',
  gate: 'Go/no-go gate',
};

/** "129 days to go", "Today", "3 days ago": days from today to the transfer date, as the API counts them. */
export function countdownText(days: number): string {
  if (days === 0) return 'Today';
  return days > 0 ? `${formatCount(days, 'day', 'days')} to go` : `${formatCount(-days, 'day', 'days')} ago`;
}

/** The plan's margin: days between the forecast go-live and the transfer date (one figure per transfer). */
export function slackText(marginDays: number | null): { text: string; late: boolean } {
  if (marginDays === null) return { text: 'No forecast: the plan has no tasks', late: false };
  if (marginDays < 0)
    return {
      text: `forecast ${formatCount(-marginDays, 'day', 'days')} after the transfer date`,
      late: true,
    };
  if (marginDays === 0) return { text: 'no margin: forecast on the transfer date', late: false };
  return {
    text: `${formatCount(marginDays, 'day', 'days')} of margin before the transfer date`,
    late: false,
  };
}

/** A task's total float, compactly, for the table: "5 d", "0 d", "−3 d". */
export function taskSlackText(floatDays: number | null): string {
  if (floatDays === null) return '—';
  if (floatDays < 0) return `−${-floatDays} d`;
  return `${floatDays} d`;
}

export function taskSlackLabel(floatDays: number | null): string {
  if (floatDays === null) return 'Finished: no float';
  if (floatDays < 0)
    return `Float −${-floatDays}: the forecast passes the transfer date by ${formatCount(-floatDays, 'day', 'days')} through this task`;
  if (floatDays === 0) return 'No float: any slip moves the forecast go-live';
  return `Float ${formatCount(floatDays, 'day', 'days')}: it can slip that long before the forecast go-live moves`;
}

/** "Forecast 6 days after its due date" for a task whose forecast finish passes its own due date. */
export function lateForecastText(days: number): string {
  return `Forecast to finish ${formatCount(days, 'day', 'days')} after its due date`;
}
