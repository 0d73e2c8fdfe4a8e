import { defineConfig } from 'wxt';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { buildManifest, DEMO_HOSTS_ENV } from './scripts/manifest';
import { noCodegen } from './scripts/vite-no-codegen';

/**
 * The shipped model, copied into the build as it is. (onnxruntime-web's WASM binary is
 * emitted by Vite from the engine's `?url` import; its URL is set explicitly at run time and
 * nothing is ever fetched from elsewhere.)
 */
function packagedAssets(): { absoluteSrc: string; relativeDest: string }[] {
  return readdirSync(resolve('models'))
    .filter((f) => /\.(onnx|json)$/.test(f))
    .map((f) => ({ absoluteSrc: resolve('models', f), relativeDest: `models/${f}` }));
}

export default defineConfig({
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      files.push(...packagedAssets());
    },
  },
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  outDir: '.output',
  // One folder per browser whatever the mode: the bench/test build (`--mode bench`, with badge
  // timings) lands where the e2e tests and benches load the extension from.
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}',
  imports: false,
  vite: (env) => {
    // Every build is a production build, `--mode bench` included (it differs only by MODE: badge
    // timings, src/ui/badges/timings.ts), so the benches measure the code that ships, JSX runtime
    // included. Vite takes production from NODE_ENV, which WXT sets to the mode.
    if (env.command === 'build') process.env.NODE_ENV = 'production';
    return {
      plugins: [noCodegen(), preact({ prefreshEnabled: false, devToolsEnabled: false })],
      build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
      // The engine worker is bundled separately: it needs the same rewrites (zod is in it).
      worker: { format: 'es', plugins: () => [noCodegen()] },
    };
  },
  // The manifest and its privacy rules live in scripts/manifest.ts (tested for every variant).
  manifest: ({ browser }) => buildManifest(browser === 'firefox' ? 'firefox' : 'chrome', { demoHosts: process.env[DEMO_HOSTS_ENV] === '1' }),
});
