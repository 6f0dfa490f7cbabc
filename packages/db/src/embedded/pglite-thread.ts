import { Worker } from 'node:worker_threads';

/** What Baton uses of PGlite, whether it runs in this thread or its own. */
export interface TPGliteLike {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[]; affectedRows?: number }>;
  exec(text: string): Promise<Array<{ rows: any[] }>>;
  isInTransaction(): boolean | Promise<boolean>;
  dumpDataDir(compression: 'gzip'): Promise<Blob>;
  close(): Promise<void>;
  readonly closed: boolean;
}

type TReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: TWorkerError };
interface TWorkerError {
  message: string;
  name: string;
  [field: string]: unknown;
}

/** An error from the worker, with the fields (code, constraint, detail...) the error mapping reads. */
function rebuilt(e: TWorkerError): Error {
  const error = new Error(e.message) as Error & Record<string, unknown>;
  for (const [k, v] of Object.entries(e)) if (k !== 'message') error[k] = v;
  return error;
}

/**
 * PGlite in a worker thread, behind the same small interface. Calls are answered in the order they are sent
 * (the worker handles one message at a time and PGlite queues within), and the dialect's connection queue
 * still hands the one session to one caller at a time.
 */
export async function startPGliteThread(o: {
  dataDir?: string;
  loadDataDir?: ArrayBuffer;
}): Promise<TPGliteLike> {
  const worker = new Worker(new URL('./pglite.worker.mjs', import.meta.url), {
    workerData: { dataDir: o.dataDir, loadDataDir: o.loadDataDir },
    // The worker is plain JavaScript: no TypeScript loader flags are needed (or wanted) in it.
    execArgv: [],
  });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  let closed = false;
  let failure: Error | null = null;

  await new Promise<void>((resolve, reject) => {
    const onFirst = (m: { ready?: boolean; error?: TWorkerError }) => {
      worker.off('error', reject);
      if (m.ready) resolve();
      else reject(rebuilt(m.error ?? { message: 'The embedded database did not start', name: 'Error' }));
    };
    worker.once('message', onFirst);
    worker.once('error', reject);
  });
  worker.on('message', (m: TReply) => {
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.ok) w.resolve(m.result);
    else w.reject(rebuilt(m.error));
  });
  const fail = (e: Error) => {
    failure = e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => {
    closed = true;
    if (waiting.size) fail(new Error(`The embedded database thread stopped (exit code ${code})`));
  });

  const call = <T>(op: string, extra: Record<string, unknown> = {}): Promise<T> => {
    if (failure) return Promise.reject(failure);
    if (closed) return Promise.reject(new Error('The embedded database is closed'));
    const id = next++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, op, ...extra });
    });
  };

  return {
    query: (sql, params) => call('query', { sql, params: params ?? [] }),
    exec: (sql) => call('exec', { sql }),
    isInTransaction: () => call<boolean>('inTransaction'),
    async dumpDataDir() {
      const bytes = await call<ArrayBuffer>('dump');
      return new Blob([bytes]);
    },
    async close() {
      if (closed) return;
      await call('close');
      closed = true;
      await worker.terminate();
    },
    get closed() {
      return closed;
    },
  };
}
