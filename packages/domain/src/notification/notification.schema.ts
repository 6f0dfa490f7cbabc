import { z } from 'zod';

/**
 * What Baton tells people about: assignments and escalations as they happen (written in the transaction of
 * the change), and due dates and reviews found by the daily scan.
 */
export const NOTIFICATION_KINDS = [
  'task_assigned',
  'action_assigned',
  'due_soon',
  'overdue',
  'risk_escalated',
  'review_due',
  'raid_assigned',
  'due_diligence',
  'gateway',
] as const;
export const ZNotificationKind = z.enum(NOTIFICATION_KINDS);
export type TNotificationKind = z.infer<typeof ZNotificationKind>;
export const NOTIFICATION_KIND_LABELS: Record<TNotificationKind, string> = {
  task_assigned: 'Task assigned to you',
  action_assigned: 'Mitigation action assigned to you',
  due_soon: 'Due soon',
  overdue: 'Overdue',
  risk_escalated: 'Risk escalated',
  review_due: 'Risk review due',
  raid_assigned: 'RAID log item assigned to you',
  due_diligence: 'Due diligence',
  gateway: 'Assurance gateway',
};

/** What a notification is about: the page its link opens. */
export const NOTIFICATION_ENTITY_TYPES = [
  'task',
  'mitigation_action',
  'risk',
  'raid',
  'dd_request',
  'clarification',
  'gateway',
] as const;
export type TNotificationEntityType = (typeof NOTIFICATION_ENTITY_TYPES)[number];

/** A notification to be written: the repository inserts it unless the user already has its dedupe key. */
export interface TNotificationDraft {
  userId: string;
  programmeId: string | null;
  kind: TNotificationKind;
  title: string;
  body: string;
  /** A path inside Baton (`/p/<programme>/risks/<risk>`), never an absolute URL. */
  link: string | null;
  entityType: TNotificationEntityType | null;
  entityId: string | null;
  /** Unique per user: the same event written twice (a rerun, a retry) notifies once. */
  dedupeKey: string;
}

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export const ZOutboxStatus = z.enum(OUTBOX_STATUSES);
export type TOutboxStatus = z.infer<typeof ZOutboxStatus>;
export const OUTBOX_STATUS_LABELS: Record<TOutboxStatus, string> = {
  pending: 'Pending',
  sent: 'Sent',
  failed: 'Failed',
};

/* ---------- API inputs ---------- */

export const ZNotificationListInput = z.object({
  /** The id of the last notification of the previous page. */
  cursor: z.uuid().nullish(),
  limit: z.number().int().min(1).max(100).default(30),
  unreadOnly: z.boolean().default(false),
});
export type TNotificationListInput = z.infer<typeof ZNotificationListInput>;

export const ZMarkNotificationsReadInput = z.object({
  ids: z.array(z.uuid()).min(1, 'Choose at least one notification').max(200),
});
export type TMarkNotificationsReadInput = z.infer<typeof ZMarkNotificationsReadInput>;

export const ZNotificationPreferencesInput = z.object({ emailNotifications: z.boolean() });
export type TNotificationPreferencesInput = z.infer<typeof ZNotificationPreferencesInput>;

export const ZOutboxListInput = z.object({
  status: ZOutboxStatus.optional(),
  /** The id of the last email of the previous page. */
  cursor: z.uuid().nullish(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type TOutboxListInput = z.infer<typeof ZOutboxListInput>;
