import { simulateTransfer, type TTransferRiskInput } from '@baton/domain';

/* Runs in a worker thread (see compute.ts): the Monte Carlo of one transfer, in a form that crosses threads. */
export default function run(inputs: TTransferRiskInput[]) {
  return inputs.map((i) => {
    const r = simulateTransfer(i);
    return { ...r, criticalityIndex: Object.fromEntries(r.criticalityIndex) };
  });
}
