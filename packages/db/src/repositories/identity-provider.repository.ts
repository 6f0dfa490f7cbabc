import { sql } from 'kysely';
import type { Executor } from '../client';

/** An organisation's OpenID Connect provider, as Baton keeps it (the secret stays encrypted here). */
export interface TIdentityProviderRow {
  id: string;
  organisation: { id: string; name: string };
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecretEncrypted: string | null;
  emailDomains: string[];
  requireSso: boolean;
  enabled: boolean;
  version: number;
  updatedAt: Date;
}

function selectProviders(db: Executor) {
  return db
    .selectFrom('identity_providers as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select([
      'p.id',
      'p.display_name',
      'p.issuer',
      'p.client_id',
      'p.client_secret_encrypted',
      'p.email_domains',
      'p.require_sso',
      'p.enabled',
      'p.version',
      'p.updated_at',
      'o.id as org_id',
      'o.name as org_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectProviders>['executeTakeFirstOrThrow']>>;

const toProvider = (r: Row): TIdentityProviderRow => ({
  id: r.id,
  organisation: { id: r.org_id, name: r.org_name },
  displayName: r.display_name,
  issuer: r.issuer,
  clientId: r.client_id,
  clientSecretEncrypted: r.client_secret_encrypted,
  emailDomains: r.email_domains,
  requireSso: r.require_sso,
  enabled: r.enabled,
  version: r.version,
  updatedAt: r.updated_at,
});

export async function listIdentityProviders(db: Executor): Promise<TIdentityProviderRow[]> {
  return (await selectProviders(db).orderBy('o.name').execute()).map(toProvider);
}

export async function findIdentityProvider(
  db: Executor,
  id: string,
): Promise<TIdentityProviderRow | undefined> {
  const r = await selectProviders(db).where('p.id', '=', id).executeTakeFirst();
  return r && toProvider(r);
}

export async function findOrganisationProvider(
  db: Executor,
  organisationId: string,
): Promise<TIdentityProviderRow | undefined> {
  const r = await selectProviders(db).where('p.organisation_id', '=', organisationId).executeTakeFirst();
  return r && toProvider(r);
}

/** The enabled providers that accept this email domain (lower case), to offer on the sign-in page. */
export async function providersForDomain(db: Executor, domain: string): Promise<TIdentityProviderRow[]> {
  const rows = await selectProviders(db)
    .where('p.enabled', '=', true)
    .where(sql<boolean>`${domain} = any(p.email_domains)`)
    .orderBy('o.name')
    .execute();
  return rows.map(toProvider);
}

/** Domains another organisation's provider already claims (one domain signs in through one provider). */
export async function domainsClaimedElsewhere(
  db: Executor,
  organisationId: string,
  domains: string[],
): Promise<{ domain: string; organisationName: string }[]> {
  if (!domains.length) return [];
  const rows = await db
    .selectFrom('identity_providers as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['p.email_domains', 'o.name'])
    .where('p.organisation_id', '<>', organisationId)
    .where(sql<boolean>`p.email_domains && ${sql.val(domains)}::text[]`)
    .execute();
  return rows.flatMap((r) =>
    r.email_domains
      .filter((d) => domains.includes(d))
      .map((domain) => ({ domain, organisationName: r.name })),
  );
}

export interface TIdentityProviderValues {
  displayName: string;
  issuer: string;
  clientId: string;
  /** undefined: keep the stored secret. */
  clientSecretEncrypted?: string | null;
  emailDomains: string[];
  requireSso: boolean;
  enabled: boolean;
}

export async function insertIdentityProvider(
  db: Executor,
  organisationId: string,
  v: TIdentityProviderValues,
): Promise<string> {
  const r = await db
    .insertInto('identity_providers')
    .values({
      organisation_id: organisationId,
      display_name: v.displayName,
      issuer: v.issuer,
      client_id: v.clientId,
      client_secret_encrypted: v.clientSecretEncrypted ?? null,
      email_domains: v.emailDomains,
      require_sso: v.requireSso,
      enabled: v.enabled,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Updates when the version still matches; false when someone else changed it first. */
export async function updateIdentityProvider(
  db: Executor,
  id: string,
  expectedVersion: number,
  v: TIdentityProviderValues,
): Promise<boolean> {
  const r = await db
    .updateTable('identity_providers')
    .set((eb) => ({
      display_name: v.displayName,
      issuer: v.issuer,
      client_id: v.clientId,
      ...(v.clientSecretEncrypted !== undefined ? { client_secret_encrypted: v.clientSecretEncrypted } : {}),
      email_domains: v.emailDomains,
      require_sso: v.requireSso,
      enabled: v.enabled,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteIdentityProvider(
  db: Executor,
  id: string,
  expectedVersion: number,
): Promise<boolean> {
  const r = await db
    .deleteFrom('identity_providers')
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Does this person's organisation require single sign-on (passwords refused)? */
export async function organisationRequiresSso(db: Executor, organisationId: string): Promise<boolean> {
  const r = await db
    .selectFrom('identity_providers')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('require_sso', '=', true)
    .where('enabled', '=', true)
    .executeTakeFirst();
  return r !== undefined;
}

// --- identities: a person's account at a provider -----------------------------------------------------------

export async function findLinkedUserId(
  db: Executor,
  providerId: string,
  subject: string,
): Promise<string | undefined> {
  const r = await db
    .selectFrom('user_identities')
    .select('user_id')
    .where('provider_id', '=', providerId)
    .where('subject', '=', subject)
    .executeTakeFirst();
  return r?.user_id;
}

/** Links once: false when this person already has another account at this provider (not silently relinked). */
export async function linkIdentity(
  db: Executor,
  p: { providerId: string; subject: string; userId: string },
): Promise<boolean> {
  const r = await db
    .insertInto('user_identities')
    .values({ provider_id: p.providerId, subject: p.subject, user_id: p.userId })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function touchIdentity(db: Executor, providerId: string, subject: string): Promise<void> {
  await db
    .updateTable('user_identities')
    .set({ last_sign_in_at: new Date() })
    .where('provider_id', '=', providerId)
    .where('subject', '=', subject)
    .execute();
}

// --- sign-ins in progress -----------------------------------------------------------------------------------

export async function insertSsoFlow(
  db: Executor,
  f: {
    stateHash: string;
    providerId: string;
    nonce: string;
    codeVerifier: string;
    returnTo: string;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('sso_flows')
    .values({
      state_hash: f.stateHash,
      provider_id: f.providerId,
      nonce: f.nonce,
      code_verifier: f.codeVerifier,
      return_to: f.returnTo,
      expires_at: f.expiresAt,
    })
    .execute();
  // Abandoned sign-ins are cleared as new ones start.
  await db.deleteFrom('sso_flows').where('expires_at', '<', new Date()).execute();
}

/** Takes a sign-in in progress: deleted as it is read, so a state works once, and only while live. */
export async function takeSsoFlow(db: Executor, stateHash: string) {
  const r = await db
    .deleteFrom('sso_flows')
    .where('state_hash', '=', stateHash)
    .returning(['provider_id', 'nonce', 'code_verifier', 'return_to', 'expires_at'])
    .executeTakeFirst();
  if (!r || r.expires_at <= new Date()) return undefined;
  return { providerId: r.provider_id, nonce: r.nonce, codeVerifier: r.code_verifier, returnTo: r.return_to };
}
