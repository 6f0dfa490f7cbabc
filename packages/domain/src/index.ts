export * from './shared/once';
export * from './shared/deep-freeze';
export * from './shared/dates';
export * from './shared/iso-date';
export * from './shared/contrast';
export * from './shared/canonical-json';
export {
  BROKEN_CHARACTERS_MESSAGE,
  CONTROL_CHARACTERS_MESSAGE,
  EARLIEST_DATE,
  INT4_MAX,
  LATEST_DATE,
  LINE_BREAKS_MESSAGE,
  refuseControlCharacters,
  refuseControlCharactersDeep,
  textCharacterProblem,
  withoutDefaults,
  ZCalendarDate,
  zInt,
  zLine,
  zLines,
  zText,
  ZVersion,
  ZVersionOrZero,
} from './shared/zod';
export * from './shared/errors';
export * from './organisation/organisation.schema';
export * from './programme/programme.schema';
export * from './programme/programme.rules';
export * from './access/access.schema';
export * from './access/sign-in.schema';
export * from './access/access.rules';
export * from './shared/workstreams';
export * from './shared/workstreams.schema';
export * from './risk/risk.matrix';
export * from './risk/risk.matrix.schema';
export * from './risk/risk.schema';
export * from './risk/risk.rules';
export * from './shared/uk-calendar';
export * from './transition/critical-path';
export * from './transition/schedule.rules';
export * from './transition/statutory.rules';
export * from './transition/readiness.rules';
export * from './transition/plan.schema';
export * from './transition/plan.template';
export * from './transition/registers.schema';
export * from './notification/notification.schema';
export * from './notification/notification.rules';
export * from './steering/meeting.schema';
export * from './steering/register-changes.rules';
export * from './steering/pack.types';
export * from './steering/pack.rules';
export * from './progress/progress.rules';
export * from './access/audience.rules';
export * from './access/landing.rules';
export * from './workspace/workspace.rules';
export * from './progress/joint-progress.rules';
export * from './programme/retention.rules';
export * from './transition/confidence.rules';
export * from './transition/schedule-risk';
export * from './transition/tupe-money.rules';
export * from './raid/raid.schema';
export * from './due-diligence/due-diligence.schema';
export * from './programme/stages.rules';
export * from './programme/stages.schema';
export * from './gateway/gateway.rules';
export * from './gateway/gateway.schema';
export * from './due-diligence/due-diligence.rules';
export * from './document/document.rules';
export * from './steering/recommendations.rules';
export * from './steering/pack-raid.rules';
