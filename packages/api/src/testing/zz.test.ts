import fc from 'fast-check';
import { it } from 'vitest';
import { z } from 'zod';
import { zodArbitraries } from './zod-arbitrary';
it('x', () => {
  for (const s of [
    z.string().length(5),
    z.string().trim().toLowerCase().pipe(z.email()),
    z.string().trim().min(3).max(200),
  ]) {
    const vals = fc.sample(zodArbitraries(s).valid, { numRuns: 300, seed: 20261123 });
    console.log(
      vals
        .filter((v) => !s.safeParse(v).success)
        .slice(0, 8)
        .map((v) => JSON.stringify(v)),
    );
  }
});
