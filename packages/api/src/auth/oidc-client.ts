import * as oidc from 'openid-client';

/*
 * The OpenID Connect relying party, through openid-client (certified by the OpenID Foundation): discovery,
 * the authorization code flow with PKCE (S256), state and nonce, and ID token validation (signature against
 * the provider's published keys, issuer, audience, expiry, nonce).
 *
 * The provider's discovery document and keys are read afresh for each sign-in rather than cached: a provider
 * that rotates its signing keys (Entra ID does, without notice) is followed at the next sign-in with nothing
 * to configure, at the cost of two small requests per sign-in.
 */
export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
}

/** Plain http is allowed only for a provider on this computer (development and tests). */
const isLocal = (issuer: string) => /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/.test(issuer);

export async function discover(s: OidcClientSettings): Promise<oidc.Configuration> {
  return oidc.discovery(
    new URL(s.issuer),
    s.clientId,
    s.clientSecret ?? undefined,
    s.clientSecret ? undefined : oidc.None(),
    { timeout: 10, ...(isLocal(s.issuer) ? { execute: [oidc.allowInsecureRequests] } : {}) },
  );
}

export interface AuthorizationRequest {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export async function authorizationRequest(
  config: oidc.Configuration,
  redirectUri: string,
  loginHint?: string,
): Promise<AuthorizationRequest> {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...(loginHint ? { login_hint: loginHint } : {}),
  });
  return { url: url.href, state, nonce, codeVerifier };
}

/** The validated claims of the ID token for this callback; throws when anything does not check out. */
export async function redeemCallback(
  config: oidc.Configuration,
  callbackUrl: URL,
  expected: { state: string; nonce: string; codeVerifier: string },
) {
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: expected.codeVerifier,
    expectedState: expected.state,
    expectedNonce: expected.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error('No ID token');
  return { claims, idToken: tokens.id_token };
}

/** The provider's own sign-out address, if it publishes one (RP-initiated logout). */
export function endSessionUrl(config: oidc.Configuration, postLogoutRedirectUri: string): string | null {
  if (!config.serverMetadata().end_session_endpoint) return null;
  return oidc.buildEndSessionUrl(config, {
    post_logout_redirect_uri: postLogoutRedirectUri,
    client_id: config.clientMetadata().client_id,
  }).href;
}
