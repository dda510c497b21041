import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests must pass on a slow, busy machine: speed is measured by `npm run bench`, not here.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
