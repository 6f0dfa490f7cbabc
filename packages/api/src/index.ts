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
export { storeFrozenPack } from './routers/meeting/meeting.snapshot';
