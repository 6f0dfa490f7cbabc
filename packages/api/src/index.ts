export { appRouter, createCaller, type AppRouter } from './router';
export {
  createContextInner,
  DEFAULT_AUTH_CONFIG,
  SESSION_COOKIE,
  type AuthConfig,
  type Context,
  type RequestInfo,
  type Session,
} from './context';
export { sessionFromToken } from './auth/session';
export { hashPassword, verifyPassword } from './auth/password';
export { exportRiskRegister, type TExportInput, type TRiskExport } from './routers/risk-io/risk-io.export';
export {
  exportFrozenPack,
  exportSteeringPack,
  exportTransitionPlan,
  type TFrozenPackReportInput,
  type TReportFile,
  type TSteeringPackReportInput,
} from './reports/reports';
export { storeFrozenPack } from './routers/meeting/meeting.snapshot';
export {
  runHousekeeping,
  scanDueNotifications,
  writeDueNotifications,
  type TScanResult,
} from './notifications/scan';
export {
  notifyActionAssigned,
  notifyRiskEscalated,
  notifyTaskAssigned,
  writeNotifications,
} from './notifications/notify';
