import {
  addDays,
  dueNotifications,
  DUE_SOON_DAYS,
  OVERDUE_LOOKBACK_DAYS,
  type TIsoDate,
} from '@baton/domain';
import {
  deleteExpiredSessions,
  deleteOldFinishedEmails,
  deleteOldReadNotifications,
  ddRequestsDueBetween,
  dueScanItems,
  type Database,
  type Executor,
  pruneLoginAttempts,
  raidDueBetween,
} from '@baton/db';
import { DEFAULT_AUTH_CONFIG } from '../../context';
import { loadAudience, writeNotifications } from './notify';

export interface TScanResult {
  today: TIsoDate;
  /** Items the rules picked (before dedupe): new notifications are `notified`. */
  considered: number;
  notified: number;
  emails: number;
}

/**
 * The daily scan inside the caller's transaction: tasks, mitigation actions and RAID items (meeting actions,
 * issues, assumptions) due soon or overdue, and risk reviews due, each told to the person on it (skipping items with nobody, and people who may no longer see
 * the item). Idempotent: the dedupe keys make a second run on the same day notify nothing new.
 */
export async function writeDueNotifications(trx: Executor, today: TIsoDate): Promise<TScanResult> {
  const window = { from: addDays(today, -OVERDUE_LOOKBACK_DAYS), to: addDays(today, DUE_SOON_DAYS) };
  const [scanned, raid, due] = await Promise.all([
    dueScanItems(trx, window),
    raidDueBetween(trx, window),
    ddRequestsDueBetween(trx, window),
  ]);
  const requests = due.map((q) => ({ ...q, organisationIds: [q.respondingOrganisationId] }));
  const items = { ...scanned, raid, requests };
  const programmeIds = [
    ...new Set(
      [...items.tasks, ...items.actions, ...items.risks, ...raid, ...requests].map((i) => i.programmeId),
    ),
  ];
  const { canHear } = await loadAudience(trx, programmeIds);
  const drafts = dueNotifications(items, today, (n, item) =>
    canHear(n.programmeId!, n.userId, item.organisationIds),
  );
  const { inserted, emails } = await writeNotifications(trx, drafts);
  return { today, considered: drafts.length, notified: inserted.length, emails };
}

/** The daily scan in its own transaction: what the `notifications.scan` job runs. */
export function scanDueNotifications(db: Database, today: TIsoDate): Promise<TScanResult> {
  return db.transaction().execute((trx) => writeDueNotifications(trx, today));
}

export const RETENTION = {
  /** Failed sign-ins matter only inside the throttle's windows (a day at most). */
  failedLoginAttemptsDays: 30,
  /** A successful sign-in keeps its address "known" to the account this long (AuthConfig.knownAddressDays). */
  succeededLoginAttemptsDays: DEFAULT_AUTH_CONFIG.knownAddressDays,
  readNotificationsDays: 180,
  finishedEmailsDays: 180,
};

/** Daily clean-up: expired sessions, old sign-in attempts, old read notifications and finished emails. */
export async function runHousekeeping(db: Database, now: Date = new Date()) {
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  return db.transaction().execute(async (trx) => ({
    sessions: await deleteExpiredSessions(trx),
    loginAttempts: await pruneLoginAttempts(trx, {
      failedBefore: daysAgo(RETENTION.failedLoginAttemptsDays),
      succeededBefore: daysAgo(RETENTION.succeededLoginAttemptsDays),
    }),
    notifications: await deleteOldReadNotifications(trx, daysAgo(RETENTION.readNotificationsDays)),
    emails: await deleteOldFinishedEmails(trx, daysAgo(RETENTION.finishedEmailsDays)),
  }));
}
