import type { TProgrammeStage } from '../programme/programme.schema';
import type { TConfidenceMove, TConfidenceRating } from '../transition/confidence.rules';
import type { TIsoDate } from '../shared/dates';
import type { TWorkstream } from '../shared/workstreams';
import type { TTrend } from '../risk/risk.matrix';
import type { TRag } from '../transition/readiness.rules';
import type { TChangeKind, TRiskState } from './register-changes.rules';

/*
 * The steering group pack: everything a meeting reads, as at one date. The same object feeds the screen, the
 * PDF and XLSX papers, and the snapshot frozen for a meeting (stored whole, so a past paper is reproduced from
 * what it said then, not recomputed from what the data says now).
 */

/** Bump when the shape changes: readers of old snapshots can tell which shape they hold. */
export const PACK_FORMAT = 1 as const;

export interface TPackRisk {
  id: string;
  number: number;
  reference: string;
  title: string;
  categoryKey: string;
  category: string;
  owner: string | null;
  organisationId: string;
  organisation: string;
  state: TRiskState;
  /** Band key of the score as at the pack date. */
  band: string;
  lastReviewedOn: TIsoDate | null;
  nextReviewOn: TIsoDate | null;
}

export interface TPackRiskWithTrend extends TPackRisk {
  /** Score at the comparison date (null: the risk did not exist then). */
  previousScore: number | null;
  trend: TTrend;
}

export interface TPackChange {
  id: string;
  reference: string;
  title: string;
  organisation: string;
  from: TRiskState | null;
  to: TRiskState;
}

export interface TPackBand {
  key: string;
  label: string;
  min: number;
  max: number;
  colour: string;
  textColour: string;
}

export interface TPackOverdueAction {
  id: string;
  description: string;
  owner: string | null;
  organisation: string;
  dueDate: TIsoDate;
  daysOverdue: number;
  risk: { id: string; reference: string; title: string };
}

export interface TPackOverdueReview {
  id: string;
  reference: string;
  title: string;
  owner: string | null;
  organisation: string;
  band: string;
  dueOn: TIsoDate;
  daysOverdue: number;
}

export interface TPackProfileMonth {
  /** YYYY-MM */
  month: string;
  /** The date the month is counted at: its last day, or the pack date for the current month. */
  asAt: TIsoDate;
  counts: Record<string, number>;
  total: number;
}

export interface TPackReadiness {
  transferId: string;
  name: string;
  lotCode: string;
  outgoing: string;
  incoming: string;
  plannedTransferDate: TIsoDate;
  forecastGoLive: TIsoDate | null;
  daysToTransfer: number;
  rag: TRag;
  reasons: string[];
  percentComplete: number;
  workstreams: Array<{
    workstream: TWorkstream;
    label: string;
    rag: TRag;
    reasons: string[];
    done: number;
    total: number;
  }>;
  /** Transfer date minus forecast go-live, in days (negative: late). Absent in packs frozen before it existed. */
  marginDays?: number | null;
  /** Forecast go-live against the baseline in force (days later than agreed), when there is one. */
  goLiveVarianceDays?: number | null;
  /** People's judgement beside the computed RAG (IPA delivery confidence), with how it moved. */
  confidence?: Array<{
    kind: 'commissioner' | 'provider';
    organisation: string;
    rating: TConfidenceRating;
    label: string;
    previous: TConfidenceRating | null;
    move: TConfidenceMove;
    assessedOn: TIsoDate;
  }>;
  /** Go-live confidence from the schedule risk analysis. */
  goLive?: TPackGoLiveConfidence | null;
}

export interface TPackGoLiveConfidence {
  p50: TIsoDate;
  p80: TIsoDate;
  p90: TIsoDate;
  /** Probability (0..1) of going live on or before the transfer date. */
  probabilityOnTime: number;
  iterations: number;
  seed: number;
}

export interface TPackDecision {
  taskId: string;
  transferId: string;
  transferName: string;
  title: string;
  dueDate: TIsoDate;
  criteria: string;
  criteriaMet: boolean;
  owner: string;
  overdue: boolean;
}

export const RECOMMENDATION_KINDS = [
  'acceptEscalation',
  'approveTolerance',
  'closeRisk',
  'replanActions',
  'goNoGo',
  'recordConfidence',
] as const;
export type TRecommendationKind = (typeof RECOMMENDATION_KINDS)[number];

/** A decision the pack asks the group to take, built from the data (see recommendations.rules.ts). */
export interface TPackRecommendation {
  /** Stable across packs for the same question ("closeRisk:<risk id>"): an outcome is recorded against it. */
  key: string;
  kind: TRecommendationKind;
  /** "Close R-019 ...": completes "The group is asked to". */
  text: string;
  /** Why the pack proposes it, in figures. */
  why: string;
  subject: { type: 'risk' | 'transfer' | 'task'; id: string; reference: string | null };
}

/** An open issue or meeting action as the pack lists it (RAID items are not kept by date: as at today). */
export interface TPackRaidItem {
  id: string;
  reference: string;
  title: string;
  priority: 'low' | 'medium' | 'high' | 'critical' | null;
  status: string;
  owner: string | null;
  organisation: string;
  dueOn: TIsoDate | null;
  /** Days past its due date (0: not overdue). */
  daysOverdue: number;
}

export interface TPackRaid {
  /** The date the RAID log was read (today when the pack was made). */
  asOf: TIsoDate;
  issues: { total: number; critical: number; items: TPackRaidItem[] };
  actions: { total: number; overdue: number; items: TPackRaidItem[] };
}

/** What the group decided at the previous meeting, as the decision log records it. */
export interface TPackPastDecision {
  reference: string;
  title: string;
  outcome: 'agreed' | 'amended' | 'deferred' | 'rejected';
  note: string;
  decidedOn: TIsoDate;
}

export interface TPackSummary {
  liveRisks: number;
  byBand: Record<string, number>;
  escalated: number;
  changes: Record<TChangeKind, number>;
  overdueActions: number;
  overdueReviews: number;
  transfers: Record<TRag, number>;
  daysToGoLive: number | null;
  decisionsNeeded: number;
  /** Draft risks (proposed, not yet accepted): not counted in any figure (absent in older packs). */
  drafts?: number;
}

/** The programme timeline in a pack: each stage where it stood, and the slipping ones (stages keep no history). */
export interface TPackTimeline {
  asOf: TIsoDate;
  route: string;
  current: string | null;
  stages: Array<{
    label: string;
    kind: 'stage' | 'checkpoint' | 'standstill';
    plannedStart: TIsoDate;
    plannedEnd: TIsoDate;
    actualEnd: TIsoDate | null;
    status: 'not_started' | 'in_progress' | 'complete' | 'slipping' | 'late';
    slipDays: number;
    rag: 'green' | 'amber' | 'red';
    reason: string;
  }>;
  slipping: Array<{ label: string; slipDays: number; rag: 'amber' | 'red' }>;
}

export interface TSteeringPack {
  format: typeof PACK_FORMAT;
  programme: {
    id: string;
    name: string;
    code: string;
    expectedServiceCommencement: TIsoDate | null;
    /** The stage when the pack was made (absent in packs frozen before it was recorded). */
    stage?: TProgrammeStage;
    /** The group the paper goes to, when the programme names it (else named from the stage). */
    governanceGroup?: string;
    /** The marking the paper carries (absent in older packs: OFFICIAL-SENSITIVE: COMMERCIAL). */
    protectiveMarking?: string;
  };
  /** The risk matrix and appetite the pack was scored on (absent in packs frozen before it was recorded). */
  matrix?: {
    version: number;
    escalationThreshold: number;
    categories: Array<{ key: string; label: string; tolerance: number; appetite: string | null }>;
  };
  asAt: TIsoDate;
  since: TIsoDate;
  /** How the paper names the comparison date: "the meeting on 1 Nov 2026" or "28 days earlier". */
  sinceLabel: string;
  /** Task data is not kept by date: readiness is as at this date, which may be later than `asAt`. */
  readinessAsOf: TIsoDate;
  generatedAt: string;
  /** "all", or the one organisation a bidder-only member sees. */
  scope: 'all' | 'own';
  bands: TPackBand[];
  escalationThreshold: number;
  summary: TPackSummary;
  summaryText: string[];
  heatMap: Array<{ consequence: number; likelihood: number; count: number }>;
  topRisks: TPackRiskWithTrend[];
  escalated: TPackRiskWithTrend[];
  changes: Record<TChangeKind, TPackChange[]>;
  overdueActions: { total: number; items: TPackOverdueAction[] };
  overdueReviews: { total: number; items: TPackOverdueReview[] };
  profile: TPackProfileMonth[];
  readiness: TPackReadiness[];
  decisions: TPackDecision[];
  /** The decisions the group is asked to take (absent in packs frozen before recommendations existed). */
  recommendations?: TPackRecommendation[];
  /** What the group decided at the meeting the pack compares with (absent in older packs). */
  lastDecisions?: TPackPastDecision[];
  /** Open issues and meeting actions from the RAID log (absent in older packs). */
  raid?: TPackRaid;
  /** The programme timeline as it stood when the pack was made (absent in older packs, and with no timeline). */
  timeline?: TPackTimeline;
  /** The whole register as at `asAt`: kept in frozen snapshots so they can be compared with any later day. */
  register?: TPackRisk[];
}
