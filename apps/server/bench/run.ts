/** `pnpm bench`: every benchmark, figures printed, nothing asserted. BENCH_ONLY=startup|risks|transition|views|montecarlo|import runs one. */
import { benchMonteCarlo } from './monte-carlo';
import { benchRiskImport } from './risk-import';
import { benchRiskRegister } from './risk-register';
import { benchStartup } from './startup';
import { benchTransition } from './transition';
import { benchViews } from './views';

const only = process.env.BENCH_ONLY;
if (!only || only === 'startup') await benchStartup();
if (!only || only === 'risks') await benchRiskRegister();
if (!only || only === 'transition') await benchTransition();
if (!only || only === 'views') await benchViews();
if (!only || only === 'montecarlo') await benchMonteCarlo();
if (!only || only === 'import') await benchRiskImport();
