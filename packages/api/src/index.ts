export { appRouter, createCaller, type AppRouter } from './router';
export {
  createContextInner,
  DEFAULT_AUTH_CONFIG,
  SESSION_COOKIE,
  type AuthConfig,
  type Context,
  type RequestInfo,
  type Session,
  type TMemberContext,
} from './context';
export { sessionFromToken } from './auth/session';
export { hashNewPassword, hashPassword, verifyPassword } from './auth/password';
export { errorBodyOf, httpStatusOf, INTERNAL_ERROR_MESSAGE } from './errors';
export { downloads } from './downloads.index';
export { runDownload, type TDownload, type TDownloadRequest } from './downloads';
export type { TDownloadFile, TReportFile } from './reports/report.meta';
export { storeFrozenPack } from './features/meeting/meeting.snapshot';
export { membershipFor, type TMember } from './access/membership';
export type { TAuditEvent } from './mutation';
export {
  runHousekeeping,
  scanDueNotifications,
  writeDueNotifications,
  type TScanResult,
} from './features/notification/scan';
export {
  notifyActionAssigned,
  notifyRiskEscalated,
  notifyTaskAssigned,
  writeNotifications,
} from './features/notification/notify';
export { closeCompute } from './compute/compute';
export { calendarFeedText, CALENDAR_PATH } from './features/calendar/calendar.service';
export { secretBoxFromKey, type SecretBox } from './auth/secret-box';
export { finishSso, startSso, SsoFailure } from './features/sso/sso.service';
export { saveProvider as saveIdentityProvider } from './features/sso/sso.service';
export { totpCodeAt } from './auth/totp';
