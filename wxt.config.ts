import { defineConfig } from 'wxt';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { DEFAULT_SITE_PATTERNS } from './src/platform/site-patterns';

/**
 * The manifest is built here. Privacy rules that the manifest can enforce are enforced here:
 * - connect-src and img-src allow only our own files: an extension page cannot fetch or show a
 *   remote resource, so the panel draws posters locally instead of loading the site's images.
 * - CSP forbids remote code; 'wasm-unsafe-eval' is needed by onnxruntime-web and WXT only
 *   adds it in dev mode, so a store build without this line could not run the model.
 * - Host permissions are only the demo site and the named services; every other site is an
 *   optional permission the user grants from the popup.
 */
const EXTENSION_CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'; connect-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self'; base-uri 'none'; form-action 'none'";

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
  vite: () => ({
    plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false })],
    build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
    worker: { format: 'es' },
  }),
  manifest: ({ browser }) => ({
    name: 'Tasteful',
    description: 'Private “Picked for you” recommendations computed on your own machine. Nothing you watch ever leaves your browser.',
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'scripting', 'tabs', ...(browser === 'firefox' ? [] : ['offscreen'])],
    host_permissions: [...DEFAULT_SITE_PATTERNS],
    optional_host_permissions: ['*://*/*'],
    content_security_policy: { extension_pages: EXTENSION_CSP },
    web_accessible_resources: [
      {
        // The in-page panel is an extension-origin iframe so page scripts cannot read it.
        resources: ['panel.html'],
        matches: ['<all_urls>'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    action: { default_title: 'Tasteful' },
    incognito: 'spanning',
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'tasteful@tasteful.invalid',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
