import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import {
  appRouter,
  createContextInner,
  downloads,
  SESSION_COOKIE,
  sessionFromToken,
  type AppRouter,
  secretBoxFromKey,
  type AuthConfig,
} from '@baton/api';
import type { Database } from '@baton/db';
import {
  fastifyTRPCPlugin,
  type CreateFastifyContextOptions,
  type FastifyTRPCPluginOptions,
} from '@trpc/server/adapters/fastify';
import { sql } from 'kysely';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { ServerConfig } from './config';
import { compressAnswer, encodingFor } from './compress-answers';
import { calendarRoutes } from './routes/calendar';
import { downloadRoutes } from './routes/download';
import { ssoRoutes } from './routes/sso';
import { loadWebShell } from './web-shell';

export interface AppOptions {
  db: Database;
  config: Pick<ServerConfig, 'publicUrl' | 'secureCookies' | 'webDist' | 'logLevel'> &
    Partial<Pick<ServerConfig, 'trustedProxies' | 'secretKey'>>;
  today?: () => string;
  /** Sign-in throttling thresholds, when not the defaults (tests). */
  auth?: Partial<AuthConfig>;
}

/*
 * CSRF. Baton's session is a SameSite=Lax cookie, so a cross-site POST from another site's page does not carry
 * it in current browsers; as a second, independent line, a request that changes anything (any method but GET
 * and HEAD) is refused with 403 when a browser says it came from elsewhere:
 * - it has an Origin that is not this site (the Host it was sent to, or BATON_PUBLIC_URL), or
 * - it has no Origin but a Sec-Fetch-Site other than same-origin or none (none: typed or bookmarked by the user).
 * A request with neither header is not from a browser page (a browser sends Origin on every cross-origin POST,
 * and Sec-Fetch-Site on every request): curl, scripts and other API clients pass, and they authenticate with
 * the session cookie they obtained themselves. tRPC mutations are JSON POSTs: a cross-site form cannot send
 * one, and a cross-site script could only with a CORS preflight that Baton never grants.
 */
function sameSite(origin: string, host: string, publicUrl: string | undefined): boolean {
  try {
    const o = new URL(origin);
    if (publicUrl && o.origin === new URL(publicUrl).origin) return true;
    return host !== '' && o.host === host.toLowerCase();
  } catch {
    return false;
  }
}

export function crossSiteMutation(
  req: { method: string; host: string; headers: Record<string, string | string[] | undefined> },
  publicUrl: string | undefined,
): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const origin = one(req.headers.origin);
  if (origin !== undefined) return !sameSite(origin, req.host, publicUrl);
  const site = one(req.headers['sec-fetch-site']);
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  return false;
}

/** This site's address as the browser sees it: BATON_PUBLIC_URL, else the request's own scheme and host. */
export function originOf(req: { protocol: string; host: string }, publicUrl: string | undefined): string {
  return publicUrl ? new URL(publicUrl).origin : `${req.protocol}://${req.host}`;
}

export async function buildApp({ db, config, today, auth }: AppOptions): Promise<FastifyInstance> {
  const trustedProxies = config.trustedProxies ?? [];
  const secrets = config.secretKey ? secretBoxFromKey(config.secretKey) : null;
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    // X-Forwarded-For (and -Host, -Proto) only from the proxies the operator named; otherwise the socket's
    // address is the client's, so a client cannot choose the address its sign-in attempts count against.
    trustProxy: trustedProxies.length > 0 ? trustedProxies : false,
    routerOptions: { maxParamLength: 5000 },
    // Imports arrive base64-encoded inside tRPC calls: a 10 MB Microsoft Project file is 13.4 MB as base64.
    bodyLimit: 16 * 1024 * 1024,
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets element styles inline.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    hsts: config.secureCookies,
  });
  await app.register(cookie);

  let warnedAboutProxy = false;
  app.addHook('onRequest', async (req, reply) => {
    if (!warnedAboutProxy && trustedProxies.length === 0 && req.headers['x-forwarded-for'] !== undefined) {
      warnedAboutProxy = true;
      app.log.warn(
        { from: req.ip },
        'X-Forwarded-For ignored: no proxy is trusted. Behind a reverse proxy, set BATON_TRUSTED_PROXIES to its address, or every client shares the proxy’s address.',
      );
    }
    if (crossSiteMutation(req, config.publicUrl)) {
      return reply.code(403).send({ error: 'Cross-site request refused' });
    }
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    try {
      await sql`select 1`.execute(db);
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'database unavailable' });
    }
  });

  const trpcPlugin = {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      async createContext({ req, res }: CreateFastifyContextOptions) {
        const session = await sessionFromToken(db, req.cookies[SESSION_COOKIE]);
        return createContextInner({
          db,
          session,
          today,
          auth,
          secrets,
          request: {
            ip: req.ip,
            origin: originOf(req, config.publicUrl),
            userAgent: req.headers['user-agent'] ?? null,
            setSessionCookie(token, expires) {
              void res.setCookie(SESSION_COOKIE, token, {
                httpOnly: true,
                sameSite: 'lax',
                secure: config.secureCookies,
                path: '/',
                expires,
              });
            },
            clearSessionCookie() {
              void res.clearCookie(SESSION_COOKIE, { path: '/' });
            },
          },
        });
      },
      // Programme data (risks, TUPE registers, commercial positions) is never kept by a browser or a proxy:
      // NHS desks are shared, and an answer in a disk cache outlives signing out (OWASP ASVS V8.2.1).
      responseMeta: () => ({ headers: { 'cache-control': 'no-store' } }),
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          app.log.error({ err: error.cause ?? error, path }, 'procedure failed');
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  };
  // The API's own scope, so its answers are compressed and nothing else is (files and downloads have their own).
  await app.register(async (api) => {
    api.addHook('onSend', compressAnswer);
    await api.register(fastifyTRPCPlugin, trpcPlugin);
  });
  await app.register(downloadRoutes, { db, today, downloads });
  await app.register(calendarRoutes, { db, today, publicUrl: config.publicUrl });
  await app.register(ssoRoutes, {
    db,
    auth,
    secrets,
    publicUrl: config.publicUrl,
    secureCookies: config.secureCookies,
  });

  if (existsSync(join(config.webDist, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: config.webDist,
      index: false,
      // One route per file, found once at start (the build never changes under a running server). The
      // catch-all route instead reads each directory on the way to a file for every request, to refuse a
      // differently spelt alias: with ~3,000 files in assets/ that cost a few milliseconds of the event loop
      // per script, and a first visit asks for 45 at once (the register's scripts arrived up to 0.4 s late).
      wildcard: false,
      // The build writes .br and .gz beside each asset: sent as they are, never compressed per request.
      preCompressed: true,
      setHeaders(reply, path) {
        // Vite fingerprints everything under assets/: a changed file has a new name, so it can be kept a year.
        reply.header(
          'cache-control',
          /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    const shellFor = loadWebShell(config.webDist);
    const shell = (req: FastifyRequest, reply: FastifyReply) => {
      const v = shellFor(req.url.split('?')[0] ?? '/');
      reply.header('cache-control', 'no-cache').header('etag', v.etag).header('vary', 'accept-encoding');
      if (req.headers['if-none-match'] === v.etag) return reply.code(304).send();
      reply.type('text/html; charset=utf-8');
      const encoding = encodingFor(req.headers['accept-encoding']);
      if (encoding) return reply.header('content-encoding', encoding).send(v[encoding]);
      return reply.send(v.html);
    };
    // The static plugin answers a directory (the home page) with 403 when it has no index: serve the shell.
    app.get('/', (req, reply) => shell(req, reply));
    // The SPA owns every other GET path: hand it the shell (naming that page's code) and let its router decide.
    app.setNotFoundHandler((req, reply) => {
      // A missing fingerprinted file (an old page asking after a redeploy) is a 404, never the shell: the
      // app explains a chunk that failed to load, and nobody caches HTML under a script's name.
      if (req.method === 'GET' && !req.url.startsWith('/trpc') && !req.url.startsWith('/assets/'))
        return shell(req, reply);
      return reply.code(404).send({ error: 'Not found' });
    });
  } else {
    app.get('/', async (_req, reply) =>
      reply
        .type('text/plain')
        .send(
          'Baton API is running. Build the web app (pnpm --filter @baton/web build) to serve the UI here.',
        ),
    );
  }

  return app;
}
