export {
  UPGRADE_FIXTURES_DIR,
  listUpgradeFixtures,
  readFixtureSql,
  readManifest,
  type TAuditFacts,
  type TFixtureFacts,
  type TMigrationRow,
  type TPackFacts,
  type TTableFacts,
  type TUpgradeFixture,
  type TUpgradeManifest,
} from './fixtures';
export { MIGRATION_DATA_CHANGES, changesFor, type TDataChange, type TDataChanges } from './data-changes';
export { cleanDump } from './dump';
export { readFixtureFacts } from './facts';
export {
  FixtureRestoreError,
  diffFacts,
  execFixtureSql,
  restoreFixture,
  type RestoreOptions,
  type RestoredFixture,
} from './restore';
export {
  UpgradeCheckError,
  checkUpgrade,
  upgradeFixture,
  type UpgradeOptions,
  type UpgradeReport,
} from './upgrade';
