import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { appRouter, createContextInner, SESSION_COOKIE, sessionFromToken, type AppRouter } from '@baton/api';
import type { Database } from '@baton/db';
import {
  fastifyTRPCPlugin,
  type CreateFastifyContextOptions,
  type FastifyTRPCPluginOptions,
} from '@trpc/server/adapters/fastify';
import { sql } from 'kysely';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { ServerConfig } from './config';
import { exportRoutes } from './routes/export.routes';
import { reportRoutes } from './routes/report.routes';

export interface AppOptions {
  db: Database;
  config: Pick<ServerConfig, 'publicUrl' | 'secureCookies' | 'webDist' | 'logLevel'>;
  today?: () => string;
}

/** Browsers send Origin on every cross-site POST: a mutation from another site is refused (CSRF). */
function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  publicUrl: string | undefined,
): boolean {
  if (!origin) return true;
  try {
    const o = new URL(origin);
    if (publicUrl && o.origin === new URL(publicUrl).origin) return true;
    return o.host === host;
  } catch {
    return false;
  }
}

export async function buildApp({ db, config, today }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    trustProxy: true,
    routerOptions: { maxParamLength: 5000 },
    // Risk register imports arrive base64-encoded inside tRPC calls.
    bodyLimit: 10 * 1024 * 1024,
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

  app.addHook('onRequest', async (req, reply) => {
    if (
      req.method !== 'GET' &&
      req.method !== 'HEAD' &&
      !originAllowed(req.headers.origin, req.headers.host, config.publicUrl)
    ) {
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

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      async createContext({ req, res }: CreateFastifyContextOptions) {
        const session = await sessionFromToken(db, req.cookies[SESSION_COOKIE]);
        return createContextInner({
          db,
          session,
          today,
          request: {
            ip: req.ip,
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
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          app.log.error({ err: error.cause ?? error, path }, 'procedure failed');
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });
  await app.register(exportRoutes, { db, today });
  await app.register(reportRoutes, { db, today });

  if (existsSync(join(config.webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: config.webDist, index: false });
    const shell = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html');
    // The static plugin answers a directory (the home page) with 403 when it has no index: serve the shell.
    app.get('/', (_req, reply) => shell(reply));
    // The SPA owns every other GET path: hand it the shell and let its router decide.
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/trpc')) return shell(reply);
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
