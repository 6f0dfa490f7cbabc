export * from './shared/dates';
export * from './shared/errors';
export * from './organisation/organisation.schema';
export * from './programme/programme.schema';
export * from './programme/programme.rules';
export * from './access/access.schema';
export * from './access/access.rules';
