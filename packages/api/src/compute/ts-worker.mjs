// Worker threads start as plain JavaScript: teach this one TypeScript (as tsx does for the server), then hand
// piscina the default export of the TypeScript module the pool names.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const mod = await import(workerData.tsModule);
export default mod.default;
