import { resolveEmailLinks } from '@baton/domain';
import {
  claimOutboxBatch,
  markOutboxFailed,
  markOutboxSent,
  noteOutboxUnsendable,
  type Database,
} from '@baton/db';
import nodemailer from 'nodemailer';

/** What the outbox sender needs of a mail transport (nodemailer's, or a test double). */
export interface Mailer {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    headers?: Record<string, string>;
  }): Promise<unknown>;
  close(): void;
}

/** `smtp://user:pass@host:587` (STARTTLS when the server offers it) or `smtps://host:465`. */
export function createMailer(smtpUrl: string): Mailer {
  return nodemailer.createTransport(smtpUrl);
}

export const NOT_CONFIGURED = 'Not sent: email is not configured';

export interface SendResult {
  sent: number;
  /** Failed this time; will be tried again later. */
  retrying: number;
  /** Failed for the last time. */
  failed: number;
  /** No mail server: pending emails marked as not sent. */
  unsendable: number;
}

/**
 * Sends due emails from the outbox in small batches, each claimed first so that several senders never send
 * the same email. Without a mailer (no BATON_SMTP_URL) nothing is sent: pending emails say why.
 */
export async function sendPendingEmails(
  db: Database,
  mailer: Mailer | null,
  o: { from: string; baseUrl: string; batchSize?: number; maxBatches?: number },
): Promise<SendResult> {
  const result: SendResult = { sent: 0, retrying: 0, failed: 0, unsendable: 0 };
  if (!mailer) {
    result.unsendable = await noteOutboxUnsendable(db, NOT_CONFIGURED);
    return result;
  }
  for (let batch = 0; batch < (o.maxBatches ?? 10); batch++) {
    const rows = await claimOutboxBatch(db, { limit: o.batchSize ?? 20 });
    if (!rows.length) break;
    for (const row of rows) {
      try {
        await mailer.sendMail({
          from: o.from,
          to: row.toAddress,
          subject: row.subject,
          text: resolveEmailLinks(row.bodyText, o.baseUrl),
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Baton-Email-Id': row.id },
        });
        await markOutboxSent(db, row.id);
        result.sent++;
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        const status = await markOutboxFailed(db, row, message);
        if (status === 'failed') result.failed++;
        else result.retrying++;
      }
    }
  }
  return result;
}
