import { defineConfig } from 'vitest/config';

// `pnpm bench:pages`: browser measurements that print figures and assert nothing (the tests are *.e2e.ts).
export default defineConfig({
  test: {
    include: ['e2e/**/*.bench.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
