import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

/*
 * Starts the real server (built web app, fresh embedded database with the demo programme) on a free port,
 * the way a newcomer would run it, and hands its address to the browser tests.
 */
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

let server: ChildProcess | undefined;
let dataDir: string | undefined;

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Server exited early:\n${log()}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Server not ready after 90 s:\n${log()}`);
}

/** A port nothing listens on now (a random guess once landed on a database server's port). */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

export default async function setup(project: TestProject) {
  // Screenshots are this run's only: a FAILED-* picture left from an earlier run would mislead.
  rmSync(join(repo, 'apps/web/test-results/screenshots'), { recursive: true, force: true });
  const port = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), 'baton-e2e-'));
  let output = '';
  server = spawn(process.execPath, ['--import', 'tsx', join(repo, 'apps/server/src/cli.ts'), 'serve'], {
    cwd: join(repo, 'apps/server'),
    env: {
      ...process.env,
      DATABASE_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      BATON_DATA_DIR: dataDir,
      BATON_DEMO: '1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d) => (output += d));
  server.stderr?.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitReady(baseUrl, server, () => output);
  project.provide('baseUrl', baseUrl);
  project.provide('dataDir', dataDir);

  return async () => {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
  }
}
