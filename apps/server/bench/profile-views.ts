/** Profile one audience view over the large bench programme: `tsx --cpu-prof bench/profile-views.ts transfers`. */
import { benchDb, callerFor } from './lib';
import { seedViews } from './views';

const what = process.argv[2] ?? 'transfers';
const h = await benchDb('postgres');
const s = await seedViews(h, 5000);
const admin = await callerFor(h.db, s.adminId, '2026-11-23');
const ceo = await callerFor(h.db, s.ceoId, '2026-11-23');
const programmeId = s.programmeId;
const run = () =>
  what === 'pack'
    ? admin.steering.pack({ programmeId })
    : what === 'joint'
      ? ceo.progress.joint({ programmeId })
      : what === 'changed'
        ? admin.risk.whatChanged({ programmeId, from: '2026-10-26', to: '2026-11-23' })
        : admin.transition.transfers({ programmeId });
for (let i = 0; i < Number(process.env.RUNS ?? 60); i++) await run();
await h.close();
