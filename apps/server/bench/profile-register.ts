/** Profiling aid: the register page procedure called repeatedly on the demo programme (PostgreSQL). */
import { findUserById } from '@baton/db';
import { seedDemo } from '../src/demo/demo.seed';
import { benchDb, callerFor } from './lib';

const h = await benchDb('postgres');
await seedDemo(h.db, { today: '2026-11-23' });
const lead = await h.db
  .selectFrom('users')
  .select('id')
  .where('email', '=', 'tom.okafor@severnvale-icb.example')
  .executeTakeFirstOrThrow();
void findUserById;
const caller = await callerFor(h.db, lead.id, '2026-11-23');
const programmes = await caller.programme.list();
const programmeId = programmes.find((p) => p.code === 'SVCMH')!.id;
const transferIds = (await caller.transition.transfers({ programmeId })).map((t) => t.transfer.id);
const n = Number(process.env.N ?? 400);
const what = process.env.WHAT ?? 'list';
if (process.env.SIZE) {
  const r = await caller.risk.list({ programmeId });
  const t1 = performance.now();
  let j = '';
  for (let i = 0; i < 100; i++) j = JSON.stringify((await import('superjson')).default.serialize(r));
  console.log(
    `size ${j.length} bytes, superjson+stringify ${((performance.now() - t1) / 100).toFixed(2)} ms, keys per item ${Object.keys((r as { items: object[] }).items[0]!).length}`,
  );
  const t2 = performance.now();
  for (let i = 0; i < 100; i++) JSON.stringify(r);
  console.log(`JSON.stringify alone ${((performance.now() - t2) / 100).toFixed(2)} ms`);
  const sj = (await import('superjson')).default;
  const t3 = performance.now();
  for (let i = 0; i < 100; i++) sj.serialize(r);
  console.log(`superjson.serialize alone ${((performance.now() - t3) / 100).toFixed(2)} ms`);
  const { serialize } = await import('../../../packages/api/src/transformer');
  const t4 = performance.now();
  for (let i = 0; i < 100; i++) JSON.stringify(serialize(r));
  console.log(`lean serialize + stringify ${((performance.now() - t4) / 100).toFixed(2)} ms`);
  process.exit(0);
}
if (process.env.SHOW_SQL) {
  process.env.BENCH_SLOW = '-1';
  await caller.risk.list({ programmeId });
  process.exit(0);
}
const t0 = performance.now();
for (let i = 0; i < n; i++) {
  if (what === 'list') await caller.risk.list({ programmeId });
  else if (what === 'pack') await caller.steering.pack({ programmeId });
  else if (what === 'progress') await caller.progress.joint({ programmeId });
  else if (what === 'plan')
    await caller.transition.plan({ programmeId, transferId: transferIds[i % transferIds.length]! });
  else if (what === 'workspace') await caller.workspace.lead({ programmeId });
  else if (what === 'heatmap') await caller.risk.heatMap({ programmeId });
}
console.log(
  `${what}: ${((performance.now() - t0) / n).toFixed(2)} ms per call, ${(h.queries() / n).toFixed(1)} queries`,
);
await h.close();
