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

/** The plan's slack against the transfer date: spare days, or how late the forecast is. */
export function slackText(slackDays: number | null): { text: string; late: boolean } {
  if (slackDays === null) return { text: 'No forecast: the plan has no tasks', late: false };
  if (slackDays < 0) return { text: `forecast ${formatCount(-slackDays, 'day', 'days')} late`, late: true };
  if (slackDays === 0) return { text: 'no slack: on the critical path', late: false };
  return { text: `${formatCount(slackDays, 'day', 'days')} of slack`, late: false };
}

/** A task's own slack, compactly, for the table: "+5 d", "0 d", "−3 d". */
export function taskSlackText(slackDays: number | null): string {
  if (slackDays === null) return '—';
  if (slackDays < 0) return `−${-slackDays} d`;
  return `${slackDays} d`;
}

export function taskSlackLabel(slackDays: number | null): string {
  if (slackDays === null) return 'Not scheduled';
  if (slackDays < 0) return `${formatCount(-slackDays, 'day', 'days')} behind`;
  return formatCount(slackDays, 'day', 'days') + ' of slack';
}
