import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// Unit tier: node by default; DOM tests opt into happy-dom with a file comment.
export default defineConfig({
  plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false }) as never],
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}', 'demo/**/*.test.{ts,mjs}'],
    exclude: ['test/e2e/**', 'node_modules/**', '.output/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
