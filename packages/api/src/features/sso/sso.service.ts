import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  SSO_ERRORS,
  type TIdentityProviderInput,
  type TSsoError,
} from '@baton/domain';
import {
  claimOpenInvitesOf,
  deleteIdentityProvider,
  domainsClaimedElsewhere,
  findIdentityProvider,
  findLinkedUserId,
  findOrganisationProvider,
  findUserByEmail,
  findUserById,
  insertIdentityProvider,
  insertSsoFlow,
  linkIdentity,
  listIdentityProviders,
  providersForDomain,
  recordAudit,
  recordLoginAttempt,
  takeSsoFlow,
  touchIdentity,
  updateIdentityProvider,
  type Executor,
  type TIdentityProviderRow,
} from '@baton/db';
import type { Context, Session } from '../../context';
import {
  authorizationRequest,
  discover,
  endSessionUrl,
  redeemCallback,
  type OidcClientSettings,
} from '../../auth/oidc-client';
import { hashToken } from '../../auth/tokens';
import { startSession } from '../auth/auth.service';
import { auditSignIn } from '../auth/sign-in.audit';

/*
 * Signing in with the organisation's own account (OpenID Connect). A system admin sets up one identity
 * provider per organisation (issuer, client id and secret, the email domains it signs in); the sign-in page
 * offers it to people whose email is in one of those domains. A person is linked to their provider account
 * once, by a verified email within the provider's domains and only to a Baton account of the provider's own
 * organisation (never across organisations); after that the provider's subject identifies them.
 */

/** A sign-in through a provider did not go through: `code` names the message the sign-in page shows. */
export class SsoFailure extends Error {
  constructor(
    readonly code: TSsoError,
    readonly detail?: string,
  ) {
    super(SSO_ERRORS[code]);
  }
}

/** A sign-in in progress lasts this long (time to type a password and approve a phone prompt). */
const FLOW_MINUTES = 10;

function settingsOf(ctx: Context, p: TIdentityProviderRow): OidcClientSettings {
  let clientSecret: string | null = null;
  if (p.clientSecretEncrypted) {
    if (!ctx.secrets) throw new SsoFailure('unavailable', 'BATON_SECRET_KEY is not set');
    clientSecret = ctx.secrets.open(p.clientSecretEncrypted);
  }
  return { issuer: p.issuer, clientId: p.clientId, clientSecret };
}

/** The providers that sign in this email's domain (what the sign-in page offers), and whether a password may. */
export async function ssoOptions(ctx: Context, email: string) {
  const domain = email.split('@')[1]?.toLowerCase() ?? '';
  const providers = await providersForDomain(ctx.db, domain);
  return {
    providers: providers.map((p) => ({ id: p.id, displayName: p.displayName })),
    passwordAccepted: !providers.some((p) => p.requireSso),
  };
}

/** Starts a sign-in: remembers state, nonce and PKCE verifier, and returns the provider's address to go to. */
export async function startSso(
  ctx: Context,
  p: { providerId: string; returnTo: string; loginHint?: string; redirectUri: string },
): Promise<string> {
  const provider = await findIdentityProvider(ctx.db, p.providerId);
  if (!provider || !provider.enabled) throw new SsoFailure('unavailable', 'no such provider');
  let request;
  try {
    request = await authorizationRequest(
      await discover(settingsOf(ctx, provider)),
      p.redirectUri,
      p.loginHint,
    );
  } catch (e) {
    if (e instanceof SsoFailure) throw e;
    throw new SsoFailure('unavailable', e instanceof Error ? e.message : String(e));
  }
  await insertSsoFlow(ctx.db, {
    stateHash: hashToken(request.state),
    providerId: provider.id,
    nonce: request.nonce,
    codeVerifier: request.codeVerifier,
    returnTo: p.returnTo,
    expiresAt: new Date(Date.now() + FLOW_MINUTES * 60_000),
  });
  return request.url;
}

async function auditRefusal(
  ctx: Context,
  provider: TIdentityProviderRow,
  email: string | null,
  failure: SsoFailure,
) {
  if (email) await recordLoginAttempt(ctx.db, { email, ip: ctx.request.ip, succeeded: false });
  await recordAudit(ctx.db, {
    actorUserId: null,
    programmeId: null,
    organisationId: provider.organisation.id,
    audience: { kind: 'owners', organisationIds: [provider.organisation.id] },
    entityType: 'identity_provider',
    entityId: provider.id,
    action: 'sign_in_failed',
    summary: `Sign-in through ${provider.displayName}${email ? ` as ${email}` : ''} from ${ctx.request.ip} refused: ${failure.code.replace(/_/g, ' ')}${failure.detail ? ` (${failure.detail})` : ''}`,
  });
}

/**
 * Finishes a sign-in at the callback: the state is used up first (a replayed callback finds nothing), the
 * code is redeemed and the ID token checked, then the person is found (linked account, else verified email in
 * the provider's domains and organisation) and a session started. Returns where to go next.
 */
export async function finishSso(ctx: Context, callbackUrl: URL): Promise<{ returnTo: string }> {
  const state = callbackUrl.searchParams.get('state');
  const flow = state ? await takeSsoFlow(ctx.db, hashToken(state)) : undefined;
  if (!flow || !state) throw new SsoFailure('expired');
  const provider = await findIdentityProvider(ctx.db, flow.providerId);
  if (!provider || !provider.enabled) throw new SsoFailure('unavailable', 'provider removed or turned off');
  if (callbackUrl.searchParams.get('error')) {
    const e = callbackUrl.searchParams.get('error');
    throw new SsoFailure(e === 'access_denied' ? 'cancelled' : 'provider', e ?? undefined);
  }
  let claims: Record<string, unknown>;
  try {
    ({ claims } = await redeemCallback(await discover(settingsOf(ctx, provider)), callbackUrl, {
      state,
      nonce: flow.nonce,
      codeVerifier: flow.codeVerifier,
    }));
  } catch (e) {
    const failure =
      e instanceof SsoFailure ? e : new SsoFailure('provider', e instanceof Error ? e.message : String(e));
    await auditRefusal(ctx, provider, null, failure);
    throw failure;
  }
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;
  try {
    const userId = await personFor(ctx.db, provider, String(claims.sub), email, claims);
    const user = (await findUserById(ctx.db, userId))!;
    if (user.disabled) throw new SsoFailure('disabled');
    const accepted = await claimOpenInvitesOf(ctx.db, user.id);
    for (const programmeId of accepted)
      await recordAudit(ctx.db, {
        actorUserId: user.id,
        programmeId,
        organisationId: user.organisation.id,
        audience: { kind: 'owners', organisationIds: [user.organisation.id] },
        entityType: 'user',
        entityId: user.id,
        action: 'accept_invite',
        summary: `${user.name} accepted their invitation by signing in with ${provider.displayName}`,
      });
    await startSession(ctx, user.id, { method: 'sso', providerId: provider.id });
    await recordLoginAttempt(ctx.db, { email: user.email, ip: ctx.request.ip, succeeded: true });
    await auditSignIn(ctx, user, `with ${provider.displayName}`);
    return { returnTo: flow.returnTo };
  } catch (e) {
    if (e instanceof SsoFailure) await auditRefusal(ctx, provider, email, e);
    throw e;
  }
}

/** The Baton account this provider account signs in as, linking it the first time. */
async function personFor(
  db: Executor,
  provider: TIdentityProviderRow,
  subject: string,
  email: string | null,
  claims: Record<string, unknown>,
): Promise<string> {
  const linked = await findLinkedUserId(db, provider.id, subject);
  if (linked) {
    const user = await findUserById(db, linked);
    if (!user || user.organisation.id !== provider.organisation.id)
      throw new SsoFailure('other_organisation');
    await touchIdentity(db, provider.id, subject);
    return linked;
  }
  if (!email) throw new SsoFailure('unverified', 'no email claim');
  const domain = email.split('@')[1] ?? '';
  if (!provider.emailDomains.includes(domain)) throw new SsoFailure('domain', domain);
  // Entra ID does not send email_verified; its xms_edov claim says the tenant owns the email's domain.
  if (claims.email_verified !== true && claims.xms_edov !== true && claims.xms_edov !== '1')
    throw new SsoFailure('unverified');
  const user = await findUserByEmail(db, email);
  if (!user) throw new SsoFailure('unknown');
  if (user.organisation.id !== provider.organisation.id) throw new SsoFailure('other_organisation');
  if (!(await linkIdentity(db, { providerId: provider.id, subject, userId: user.id })))
    throw new SsoFailure(
      'other_organisation',
      'this Baton account is linked to another account at the provider',
    );
  return user.id;
}

/** Where the browser may go to sign out of the provider too, after Baton's session has ended. */
export async function providerSignOut(ctx: Context, session: Session, postLogoutRedirectUri: string) {
  if (!session.providerId) return null;
  const provider = await findIdentityProvider(ctx.db, session.providerId);
  if (!provider) return null;
  try {
    const url = endSessionUrl(await discover(settingsOf(ctx, provider)), postLogoutRedirectUri);
    return url ? { displayName: provider.displayName, url } : null;
  } catch {
    return null;
  }
}

// --- administration (system administrators) -------------------------------------------------------------------

type TAdminContext = Context & { session: Session; user: Session['user'] };

function requireSystemAdmin(ctx: TAdminContext) {
  if (!ctx.user.isSystemAdmin)
    throw new ForbiddenError('Only system administrators can set up sign-in providers.');
}

const view = (p: TIdentityProviderRow) => ({
  id: p.id,
  organisation: p.organisation,
  displayName: p.displayName,
  issuer: p.issuer,
  clientId: p.clientId,
  hasClientSecret: p.clientSecretEncrypted !== null,
  emailDomains: p.emailDomains,
  requireSso: p.requireSso,
  enabled: p.enabled,
  version: p.version,
  updatedAt: p.updatedAt,
});

/** What the audit trail keeps of a provider: everything but the secret (whether one is set). */
const auditView = (p: ReturnType<typeof view>) => {
  const { updatedAt: _u, version: _v, ...rest } = p;
  return rest;
};

export async function listProviders(ctx: TAdminContext) {
  requireSystemAdmin(ctx);
  const rows = await listIdentityProviders(ctx.db);
  const counts = await ctx.db
    .selectFrom('user_identities')
    .select((eb) => ['provider_id', eb.fn.countAll<string>().as('n')])
    .groupBy('provider_id')
    .execute();
  const linked = new Map(counts.map((c) => [c.provider_id, Number(c.n)]));
  return rows.map((p) => ({ ...view(p), linkedAccounts: linked.get(p.id) ?? 0 }));
}

export async function saveProvider(ctx: TAdminContext, input: TIdentityProviderInput) {
  requireSystemAdmin(ctx);
  const domains = [...new Set(input.emailDomains)];
  const secret = input.clientSecret?.trim() ? input.clientSecret.trim() : undefined;
  if (secret !== undefined && !ctx.secrets)
    throw new RuleViolationError(
      'Set BATON_SECRET_KEY on the server first: client secrets are stored encrypted with it.',
      {
        clientSecret: ['The server has no BATON_SECRET_KEY to encrypt this with'],
      },
    );
  return ctx.db.transaction().execute(async (trx) => {
    const org = await trx
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('id', '=', input.organisationId)
      .executeTakeFirst();
    if (!org) throw new NotFoundError('That organisation is not in the directory.');
    const clash = await domainsClaimedElsewhere(trx, org.id, domains);
    if (clash.length)
      throw new RuleViolationError('Each email domain signs in through one organisation’s provider.', {
        emailDomains: clash.map((c) => `${c.domain} already signs in through ${c.organisationName}`),
      });
    const values = {
      displayName: input.displayName,
      issuer: input.issuer,
      clientId: input.clientId,
      clientSecretEncrypted: secret !== undefined ? ctx.secrets!.seal(secret) : undefined,
      emailDomains: domains,
      requireSso: input.requireSso,
      enabled: input.enabled,
    };
    const before = await findOrganisationProvider(trx, org.id);
    let id: string;
    if (input.version === undefined) {
      if (before)
        throw new ConflictError(`${org.name} already has a sign-in provider: edit it instead.`, view(before));
      id = await insertIdentityProvider(trx, org.id, values);
    } else {
      if (!before || !(await updateIdentityProvider(trx, before.id, input.version, values)))
        throw new ConflictError(
          'Someone else changed this sign-in provider since you opened it. Review their change and save again.',
          before ? view(before) : null,
        );
      id = before.id;
    }
    const after = view((await findIdentityProvider(trx, id))!);
    await recordAudit(trx, {
      actorUserId: ctx.user.id,
      programmeId: null,
      organisationId: org.id,
      audience: { kind: 'owners', organisationIds: [org.id] },
      entityType: 'identity_provider',
      entityId: id,
      action: before ? 'update' : 'create',
      summary: `${ctx.user.name} ${before ? 'changed' : 'set up'} sign-in with ${after.displayName} for ${org.name}${secret !== undefined && before ? ' (new client secret)' : ''}`,
      before: before ? auditView(view(before)) : null,
      after: auditView(after),
    });
    return after;
  });
}

export async function removeProvider(ctx: TAdminContext, input: { id: string; version: number }) {
  requireSystemAdmin(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findIdentityProvider(trx, input.id);
    if (!before) throw new NotFoundError('That sign-in provider has already been removed.');
    if (!(await deleteIdentityProvider(trx, input.id, input.version)))
      throw new ConflictError(
        'Someone else changed this sign-in provider since you opened it.',
        view(before),
      );
    await recordAudit(trx, {
      actorUserId: ctx.user.id,
      programmeId: null,
      organisationId: before.organisation.id,
      audience: { kind: 'owners', organisationIds: [before.organisation.id] },
      entityType: 'identity_provider',
      entityId: before.id,
      action: 'delete',
      summary: `${ctx.user.name} removed sign-in with ${before.displayName} for ${before.organisation.name}`,
      before: auditView(view(before)),
      after: null,
    });
    return { ok: true as const };
  });
}

/** Reads the provider's discovery document now: what an admin checks after setting it up. */
export async function checkProvider(ctx: TAdminContext, id: string) {
  requireSystemAdmin(ctx);
  const p = await findIdentityProvider(ctx.db, id);
  if (!p) throw new NotFoundError('That sign-in provider has been removed.');
  try {
    const meta = (await discover(settingsOf(ctx, p))).serverMetadata();
    return {
      ok: true as const,
      message: `Found ${meta.issuer}: sign-in at ${meta.authorization_endpoint ?? 'an unnamed address'}${meta.end_session_endpoint ? ', with sign-out' : ''}.`,
    };
  } catch (e) {
    return { ok: false as const, message: e instanceof Error ? e.message : String(e) };
  }
}
