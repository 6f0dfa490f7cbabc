/**
 * Issue #10's figure: go-live confidence (Monte Carlo schedule risk) of 10,000 iterations over a 500-task
 * plan, and of 10 such transfers one after the other. Pure computation, no database: the plans are laid out
 * like the transition bench's (seed-plans.ts): 50 waves of 10 tasks a week apart, each task depending on two
 * tasks of the previous wave; early waves done (every 7th in progress), the rest ahead; a linked risk on every
 * 25th task; the ELI deadline checked on a task of wave 45. Median wall time of BENCH_RUNS runs after a warm-up.
 */
import {
  addDays,
  scheduleTransfer,
  simulateTransfer,
  type TScheduleDependency,
  type TScheduleTask,
  type TTransferRiskInput,
} from '@baton/domain';

const TRANSFERS = Number(process.env.BENCH_TRANSFERS ?? 10);
const TASKS = Number(process.env.BENCH_TASKS_PER_TRANSFER ?? 500);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TODAY = '2026-11-23';
const PLAN_START = '2026-06-01';
const TRANSFER_DATE = '2027-10-01';

function benchPlan(transfer: number): TTransferRiskInput {
  const tasks: TScheduleTask[] = [];
  const dependencies: TScheduleDependency[] = [];
  for (let g = 0; g < TASKS; g++) {
    const offset = Math.floor(g / 10) * 7;
    const startDate = addDays(PLAN_START, offset);
    const early = offset < 150;
    const inProgress = early && g % 7 === 0;
    tasks.push({
      id: `t${transfer}-${g}`,
      status: early ? (inProgress ? 'in_progress' : 'done') : 'not_started',
      startDate,
      dueDate: addDays(startDate, 5 + (g % 3)),
      actualStart: early ? startDate : null,
      completedOn: early && !inProgress ? addDays(startDate, 5 + ((g + transfer) % 4)) : null,
      percentComplete: early ? (inProgress ? 50 : 100) : 0,
    });
    if (g >= 10) {
      const other = g - 10 + (g % 10 === 9 ? -1 : 1);
      dependencies.push({
        predecessorId: `t${transfer}-${g - 10}`,
        successorId: `t${transfer}-${g}`,
        lagDays: 0,
      });
      dependencies.push({
        predecessorId: `t${transfer}-${other}`,
        successorId: `t${transfer}-${g}`,
        lagDays: 0,
      });
    }
  }
  return {
    transfer: { plannedTransferDate: TRANSFER_DATE },
    tasks,
    dependencies,
    today: TODAY,
    risks: tasks
      .filter((_, g) => g % 25 === 12)
      .map((t, i) => ({ taskId: t.id, likelihood: 1 + (i % 5), impactDays: 3 + (i % 4) * 2 })),
    deadlines: [
      {
        key: 'eli_due',
        taskId: `t${transfer}-${Math.min(TASKS - 1, 455)}`,
        date: addDays(TRANSFER_DATE, -28),
      },
    ],
    iterations: ITERATIONS,
    seed: `bench-transfer-${transfer}`,
  };
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

export async function benchMonteCarlo(): Promise<void> {
  const plans = Array.from({ length: TRANSFERS }, (_, i) => benchPlan(i));
  const first = plans[0]!;
  console.log(
    `\nGo-live confidence (Monte Carlo): ${ITERATIONS.toLocaleString('en-GB')} iterations, ${TRANSFERS} transfers x ${TASKS} tasks, ${first.dependencies.length} dependencies each`,
  );
  simulateTransfer(first); // warm-up
  const one = Array.from({ length: RUNS }, () => timed(() => simulateTransfer(first)));
  const all = Array.from({ length: Math.max(1, Math.ceil(RUNS / 2)) }, () =>
    timed(() => plans.map((p) => simulateTransfer(p))),
  );
  const line = (label: string, ms: number) =>
    console.log(`  ${label.padEnd(48)} ${ms.toFixed(1).padStart(8)} ms`);
  line(`one transfer (${TASKS} tasks)`, median(one.map((r) => r.ms)));
  line(`${TRANSFERS} transfers one after the other`, median(all.map((r) => r.ms)));
  const r = one[0]!.value;
  const plan = scheduleTransfer(first.transfer, first.tasks, first.dependencies, TODAY);
  console.log(
    `  first transfer: forecast ${plan.forecastGoLive}, P50 ${r.p50}, P80 ${r.p80}, P90 ${r.p90}; ` +
      `on time (${TRANSFER_DATE}) ${(r.probabilityOnTime * 100).toFixed(1)}%; ELI missed ${((r.deadlineMissProbability.eli_due ?? 0) * 100).toFixed(1)}%`,
  );
  const reproduced = simulateTransfer(first);
  console.log(
    `  same seed reproduces: ${reproduced.p80 === r.p80 && reproduced.histogram.length === r.histogram.length}`,
  );
}
