import { createHash } from 'node:crypto';
import {
  createContextInner,
  finishSso,
  SESSION_COOKIE,
  SsoFailure,
  startSso,
  type AuthConfig,
  type SecretBox,
} from '@baton/api';
import type { Database } from '@baton/db';
import { ZReturnTo } from '@baton/domain';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { originOf } from '../app';

/*
 * Signing in with the organisation's identity provider (OpenID Connect) is a pair of browser navigations, not
 * API calls: /auth/sso/<provider> sends the browser to the provider, which sends it back to
 * /auth/sso/callback. @baton/api does the protocol and the linking; these routes hold the cookies.
 *
 * Login CSRF: the state is also kept in a short-lived httpOnly cookie set at the start and checked at the
 * callback, so a callback address made in another browser (someone else's code) cannot sign this one in.
 */

export interface SsoRoutesOptions {
  db: Database;
  auth?: Partial<AuthConfig>;
  secrets: SecretBox | null;
  publicUrl: string | undefined;
  secureCookies: boolean;
}

const FLOW_COOKIE = 'baton_sso';
const CALLBACK_PATH = '/auth/sso/callback';

const ZStart = z.object({
  returnTo: ZReturnTo.optional(),
  loginHint: z.string().max(320).optional().catch(undefined),
});

const fingerprint = (state: string) => createHash('sha256').update(`flow:${state}`).digest('base64url');

export const ssoRoutes: FastifyPluginAsync<SsoRoutesOptions> = async (app, o) => {
  const contextFor = (req: FastifyRequest, reply: FastifyReply) =>
    createContextInner({
      db: o.db,
      auth: o.auth,
      secrets: o.secrets,
      request: {
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
        origin: originOf(req, o.publicUrl),
        setSessionCookie(token, expires) {
          void reply.setCookie(SESSION_COOKIE, token, {
            httpOnly: true,
            sameSite: 'lax',
            secure: o.secureCookies,
            path: '/',
            expires,
          });
        },
        clearSessionCookie() {
          void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        },
      },
    });

  const backToSignIn = (reply: FastifyReply, code: string) =>
    reply.header('cache-control', 'no-store').redirect(`/signin?sso_error=${encodeURIComponent(code)}`, 303);

  app.get<{ Params: { providerId: string }; Querystring: Record<string, string> }>(
    '/auth/sso/:providerId',
    async (req, reply) => {
      if (req.params.providerId === 'callback') return backToSignIn(reply, 'expired');
      const id = z.uuid().safeParse(req.params.providerId);
      if (!id.success) return backToSignIn(reply, 'unavailable');
      const q = ZStart.parse(req.query ?? {});
      const ctx = contextFor(req, reply);
      try {
        const url = await startSso(ctx, {
          providerId: id.data,
          returnTo: q.returnTo ?? '/',
          loginHint: q.loginHint,
          redirectUri: `${ctx.request.origin}${CALLBACK_PATH}`,
        });
        const state = new URL(url).searchParams.get('state') ?? '';
        void reply.setCookie(FLOW_COOKIE, fingerprint(state), {
          httpOnly: true,
          sameSite: 'lax',
          secure: o.secureCookies,
          path: '/auth/sso',
          maxAge: 10 * 60,
        });
        return reply.header('cache-control', 'no-store').redirect(url, 303);
      } catch (e) {
        if (!(e instanceof SsoFailure)) throw e;
        req.log.warn({ provider: id.data, detail: e.detail }, 'single sign-on could not start');
        return backToSignIn(reply, e.code);
      }
    },
  );

  app.get(CALLBACK_PATH, async (req, reply) => {
    const ctx = contextFor(req, reply);
    const callbackUrl = new URL(req.url, ctx.request.origin);
    const state = callbackUrl.searchParams.get('state') ?? '';
    const cookie = req.cookies[FLOW_COOKIE];
    void reply.clearCookie(FLOW_COOKIE, { path: '/auth/sso' });
    if (!state || !cookie || cookie !== fingerprint(state)) return backToSignIn(reply, 'expired');
    try {
      const { returnTo } = await finishSso(ctx, callbackUrl);
      return reply.header('cache-control', 'no-store').redirect(returnTo, 303);
    } catch (e) {
      if (!(e instanceof SsoFailure)) throw e;
      req.log.warn({ code: e.code, detail: e.detail }, 'single sign-on refused');
      return backToSignIn(reply, e.code);
    }
  });
};
