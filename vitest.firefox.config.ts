import { defineConfig } from 'vitest/config';

// Firefox tier: the built Firefox extension in Debian's firefox-esr (puppeteer-core, BiDi).
export default defineConfig({
  test: {
    include: ['test/e2e/firefox/**/*.firefox.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
