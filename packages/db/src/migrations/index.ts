import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation';
import * as m0002 from './0002-risks';
import * as m0003 from './0003-transition';
import * as m0004 from './0004-transfer-registers';
import * as m0005 from './0005-meetings';
import * as m0006 from './0006-notifications';
import * as m0007 from './0007-audit-audience';
import * as m0008 from './0008-programme-retention';
import * as m0009 from './0009-schedule-truth';
import * as m0010 from './0010-imports-and-feeds';
import * as m0011 from './0011-raid-log';
import * as m0012 from './0012-governance-settings';
import * as m0013 from './0013-visible-sessions';
import * as m0014 from './0014-single-sign-on';
import * as m0015 from './0015-read-path-indexes';
import * as m0016 from './0016-due-diligence';
import * as m0017s from './0017-programme-stages';
import * as m0018 from './0018-assurance-gateways';
import * as m0019 from './0019-plan-fingerprint';
import * as m0020 from './0020-register-read-indexes';

/** Explicit, ordered index: safe under bundling, and a migration's name never changes once shipped. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-risks': m0002,
  '0003-transition': m0003,
  '0004-transfer-registers': m0004,
  '0005-meetings': m0005,
  '0006-notifications': m0006,
  '0007-audit-audience': m0007,
  '0008-programme-retention': m0008,
  '0009-schedule-truth': m0009,
  '0010-imports-and-feeds': m0010,
  '0011-raid-log': m0011,
  '0012-governance-settings': m0012,
  '0013-visible-sessions': m0013,
  '0014-single-sign-on': m0014,
  '0015-read-path-indexes': m0015,
  '0016-due-diligence': m0016,
  '0017-programme-stages': m0017s,
  '0018-assurance-gateways': m0018,
  '0019-plan-fingerprint': m0019,
  '0020-register-read-indexes': m0020,
};
