import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tier: node by default; DOM tests opt into happy-dom with a file comment. WXT's plugin
// points `wxt/browser` at its in-memory fake browser (@webext-core/fake-browser); tests reset
// it with `fakeBrowser.reset()` and stub what it does not implement (permissions) with spies.
export default defineConfig({
  plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false }) as never, WxtVitest()],
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}', 'demo/**/*.test.{ts,mjs}'],
    exclude: ['test/e2e/**', 'node_modules/**', '.output/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
