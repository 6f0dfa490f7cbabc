import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { consoleJobLog, jobsContextFor } from './jobs';

describe('jobs and email settings', () => {
  it('defaults: jobs on, no mail server, a local From address', () => {
    expect(loadConfig({})).toMatchObject({
      jobs: true,
      smtpUrl: undefined,
      mailFrom: 'Baton <baton@localhost>',
    });
  });

  it('reads BATON_JOBS, BATON_SMTP_URL and BATON_MAIL_FROM', () => {
    const c = loadConfig({
      BATON_JOBS: '0',
      BATON_SMTP_URL: 'smtps://baton:secret@smtp.example.nhs.uk:465',
      BATON_MAIL_FROM: 'Baton <baton@example.nhs.uk>',
    });
    expect(c).toMatchObject({
      jobs: false,
      smtpUrl: 'smtps://baton:secret@smtp.example.nhs.uk:465',
      mailFrom: 'Baton <baton@example.nhs.uk>',
    });
  });

  it('refuses a mail server address that is not SMTP, naming the setting', () => {
    expect(() => loadConfig({ BATON_SMTP_URL: 'https://mail.example.nhs.uk' })).toThrow(/BATON_SMTP_URL/);
    expect(() => loadConfig({ BATON_SMTP_URL: 'not a url' })).toThrow(/BATON_SMTP_URL/);
    expect(() => loadConfig({ BATON_JOBS: 'maybe' })).toThrow(/BATON_JOBS/);
  });

  it('links in emails use the public address, or localhost and the port', () => {
    const log = consoleJobLog('silent');
    expect(jobsContextFor(loadConfig({ PORT: '4000' }), log)).toMatchObject({
      baseUrl: 'http://localhost:4000',
      mailer: null,
    });
    const withSmtp = jobsContextFor(
      loadConfig({
        BATON_PUBLIC_URL: 'https://baton.example.nhs.uk',
        BATON_SMTP_URL: 'smtp://127.0.0.1:2525',
      }),
      log,
    );
    expect(withSmtp.baseUrl).toBe('https://baton.example.nhs.uk');
    expect(withSmtp.mailer).not.toBeNull();
    withSmtp.mailer!.close();
  });
});
