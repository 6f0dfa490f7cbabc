import type { TIsoDate, TProgrammeStage } from '@baton/domain';

/** What a steering pack paper says about itself beyond the pack: who it is from, which meeting, whether frozen. */
export interface TPackPaperMeta {
  /** The programme's lead commissioner: the organisation whose paper this is. */
  organisation: string;
  /** The meeting the paper goes to (a frozen pack), or null for a pack "as at" a date. */
  meeting: { title: string; heldOn: TIsoDate } | null;
  frozen: {
    frozenAt: Date;
    frozenBy: string | null;
    sha256: string;
    /** False when the stored pack no longer matches the hash taken when it was frozen. */
    intact: boolean;
  } | null;
}

export interface TReportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/** A download: a file made whole, or one streamed as it is written (the programme archive). */
export type TDownloadFile =
  TReportFile | { fileName: string; contentType: string; body: NodeJS.ReadableStream };

export const PROTECTIVE_MARKING = 'OFFICIAL-SENSITIVE: COMMERCIAL';
/** The marking a paper carries: the programme's setting when the pack recorded it, else the long-standing one. */
export const markingOf = (p: { protectiveMarking?: string | undefined }) =>
  p.protectiveMarking ?? PROTECTIVE_MARKING;
export const REPORT_TITLE = 'Programme risk and transition report';
/** Who the paper goes to: the procurement steering group until contract award, then the transition group. */
export function reportTo(stage: TProgrammeStage | undefined, governanceGroup?: string | null): string {
  if (governanceGroup) return governanceGroup;
  if (!stage) return 'Programme steering group';
  return ['transition', 'live', 'closed'].includes(stage)
    ? 'Transition steering group'
    : 'Procurement steering group';
}
export const REPORT_PURPOSE = 'For assurance and decision';
