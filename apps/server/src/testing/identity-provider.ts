import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';

/*
 * A real OpenID Connect provider for tests: panva's oidc-provider (OpenID Certified), with its own sign-in
 * and consent pages, discovery, JWKS and end-session endpoint, on a port of this machine. Accounts are keyed by
 * the login typed on its sign-in page. Tests can rotate its signing key (a new provider instance at the same
 * address) and have it issue an ID token with claims changed (wrong audience, expired, another nonce), signed
 * with its own key, as a misbehaving or replayed token would arrive.
 */

/** An account at the provider, keyed by its login (which is also its subject, an opaque id). */
export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Replaces the signing key: tokens are signed with a key of a new id from now on. */
  rotateKeys(): Promise<void>;
  /** The id of the key signing tokens now. */
  keyId(): string;
  /** Changes the claims of the next ID tokens (null: issue them as they are). */
  tamper(fn: ((claims: Record<string, unknown>) => Record<string, unknown>) | null): void;
  accounts: Map<string, TestAccount>;
  close(): Promise<void>;
}

export async function startTestIdentityProvider(o: {
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  accounts: Record<string, TestAccount>;
}): Promise<TestIdentityProvider> {
  const accounts = new Map(Object.entries(o.accounts));
  let handler: ((req: never, res: never) => void) | null = null;
  const server: Server = createServer((req, res) =>
    handler ? handler(req as never, res as never) : res.end(),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'baton';
  const clientSecret = 'a-client-secret-for-tests-only-0123456789';
  let key: { jwk: JWK; privateKey: CryptoKey; kid: string };
  let tamper: ((claims: Record<string, unknown>) => Record<string, unknown>) | null = null;
  let generation = 0;

  async function newKey() {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `test-key-${++generation}`;
    const jwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
    key = { jwk, privateKey: privateKey as CryptoKey, kid };
  }

  function configuration(): Configuration {
    return {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: o.redirectUris,
          post_logout_redirect_uris: o.postLogoutRedirectUris ?? [],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      jwks: { keys: [key.jwk] },
      cookies: { keys: ['test-cookie-key-0123456789'] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      // Like Entra ID with an optional email claim: the claims are in the ID token itself.
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
      // The login typed on the sign-in page is the account's id, which the provider sends as its subject.
      async findAccount(_ctx, id) {
        const a = accounts.get(id);
        if (!a) return undefined;
        return { accountId: id, claims: async () => ({ ...a, sub: id }) };
      },
      ttl: { Grant: 3600, Session: 3600, AccessToken: 600, IdToken: 600, Interaction: 600 },
      // An organisation's admin has consented for everyone (as in Entra ID): no consent page per person.
      async loadExistingGrant(ctx) {
        const grantId =
          ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
        if (grantId) return ctx.oidc.provider.Grant.find(grantId);
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client!.clientId,
          accountId: ctx.oidc.session!.accountId!,
        });
        grant.addOIDCScope('openid email profile');
        grant.addOIDCClaims(['email', 'email_verified', 'name']);
        await grant.save();
        return grant;
      },
    };
  }

  async function start() {
    const provider = new Provider(issuer, configuration());
    provider.use(async (ctx, next) => {
      await next();
      if (tamper && ctx.path === '/token' && ctx.status === 200 && ctx.body && typeof ctx.body === 'object') {
        const body = ctx.body as Record<string, unknown>;
        if (typeof body.id_token === 'string') {
          const claims = tamper({ ...decodeJwt(body.id_token) });
          body.id_token = await new SignJWT(claims)
            .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
            .sign(key.privateKey);
        }
      }
    });
    handler = provider.callback() as never;
  }

  await newKey();
  await start();
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    keyId: () => key.kid,
    async rotateKeys() {
      await newKey();
      await start();
    },
    tamper(fn) {
      tamper = fn;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const issuerOf = (res: Response, url: string) => (url.startsWith('/') ? new URL(res.url).origin : undefined);

/** A cookie jar for one site, enough for following sign-in redirects with fetch. */
export function cookieJar() {
  const cookies = new Map<string, string>();
  return {
    header: () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    take(res: Response) {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const i = pair!.indexOf('=');
        const name = pair!.slice(0, i).trim();
        const value = pair!.slice(i + 1);
        if (/expires=Thu, 01 Jan 1970/i.test(c) || value === '') cookies.delete(name);
        else cookies.set(name, value);
      }
    },
    get: (name: string) => cookies.get(name),
  };
}

/**
 * A browser signing in through the provider, without a browser: Baton's start address, the provider's sign-in
 * page (typing `login`), back to Baton's callback. Returns the callback address the provider sent it to (to
 * replay it) and where Baton sent it at the end.
 */
export async function signInThroughProvider(
  batonBase: string,
  providerId: string,
  login: string,
  baton = cookieJar(),
): Promise<{ callbackUrl: string; location: string; baton: ReturnType<typeof cookieJar> }> {
  const idp = cookieJar();
  const get = async (url: string, jar: ReturnType<typeof cookieJar>) => {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.take(res);
    return res;
  };
  let res = await get(`${batonBase}/auth/sso/${providerId}`, baton);
  let url = res.headers.get('location');
  if (!url) throw new Error(`Baton did not redirect (${res.status})`);
  if (url.startsWith('/')) return { callbackUrl: '', location: url, baton };
  // The provider: its interaction page, then the sign-in form.
  for (let i = 0; i < 10 && url && !url.startsWith(batonBase); i++) {
    const abs: string = new URL(url, issuerOf(res, url)).href;
    res = await get(abs, idp);
    if (res.status === 200) {
      const html = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error('No sign-in form on the provider page');
      const post = await fetch(new URL(action, abs).href, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: idp.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
      });
      idp.take(post);
      res = post;
    }
    const next = res.headers.get('location');
    url = next ? new URL(next, abs).href : null;
  }
  if (!url?.startsWith(batonBase))
    throw new Error(`The provider did not send the browser back to Baton: ${url}`);
  const callbackUrl = url;
  res = await get(callbackUrl, baton);
  return { callbackUrl, location: res.headers.get('location') ?? '', baton };
}
