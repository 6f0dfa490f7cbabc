// The embedded database in its own thread: PGlite runs its WASM PostgreSQL here, so a slow query never blocks
// the web server's event loop (health checks, sign-ins and every other request keep being answered).
// Plain JavaScript so a worker needs no TypeScript loader. The parsers match client.ts's (dates stay
// 'YYYY-MM-DD' strings, numeric and int8 become numbers, timestamptz becomes a Date).
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';

const identity = (v) => v;
const toNumber = (v) => Number(v);
const parsers = {
  1082: identity,
  1700: toNumber,
  20: toNumber,
  [types.TIMESTAMPTZ]: (v) => new Date(v),
};

const fields = ['code', 'detail', 'hint', 'constraint', 'table', 'column', 'schema', 'severity', 'where'];
const errorOf = (e) => {
  const out = { message: e instanceof Error ? e.message : String(e), name: e?.name ?? 'Error' };
  for (const f of fields) if (e && e[f] !== undefined) out[f] = e[f];
  return out;
};

let db;
try {
  db = await PGlite.create({
    dataDir: workerData.dataDir,
    parsers,
    loadDataDir: workerData.loadDataDir ? new Blob([workerData.loadDataDir]) : undefined,
  });
  parentPort.postMessage({ ready: true });
} catch (e) {
  parentPort.postMessage({ ready: false, error: errorOf(e) });
}

parentPort.on('message', async (m) => {
  try {
    let result;
    if (m.op === 'query') {
      const r = await db.query(m.sql, m.params);
      result = { rows: r.rows, affectedRows: r.affectedRows };
    } else if (m.op === 'exec') {
      result = (await db.exec(m.sql)).map((r) => ({ rows: r.rows, affectedRows: r.affectedRows }));
    } else if (m.op === 'inTransaction') {
      result = db.isInTransaction();
    } else if (m.op === 'dump') {
      const blob = await db.dumpDataDir('gzip');
      const bytes = await blob.arrayBuffer();
      parentPort.postMessage({ id: m.id, ok: true, result: bytes }, [bytes]);
      return;
    } else if (m.op === 'close') {
      if (!db.closed) await db.close();
      result = true;
    } else throw new Error(`Unknown operation ${m.op}`);
    parentPort.postMessage({ id: m.id, ok: true, result });
  } catch (e) {
    parentPort.postMessage({ id: m.id, ok: false, error: errorOf(e) });
  }
});
