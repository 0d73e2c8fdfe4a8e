/**
 * The build rewrites that keep eval, remote code loading and innerHTML out of the bundles
 * (scripts/vite-no-codegen.ts) still match the installed dependencies, and leave none of
 * what `web-ext lint` flags behind.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { applyRewrites } from '../scripts/vite-no-codegen';

const pkgDir = (name: string) => resolve(import.meta.dirname, '../node_modules', name);

const FILES = [
  { file: join(pkgDir('zod'), 'v4/core/util.js'), gone: /new F\(""\)/ },
  { file: join(pkgDir('zod'), 'v4/core/doc.js'), gone: /= Function;/ },
  { file: join(pkgDir('onnxruntime-web'), 'dist/ort.wasm.bundle.min.mjs'), gone: /await import\(/ },
  { file: join(pkgDir('preact'), 'dist/preact.module.js'), gone: /innerHTML=\w\.__html/ },
  { file: join(pkgDir('preact'), 'dist/preact.mjs'), gone: /innerHTML=\w\.__html/ },
];

describe('vite-no-codegen', () => {
  it.each(FILES)('rewrites $file', ({ file, gone }) => {
    const code = readFileSync(file, 'utf8');
    expect(code).toMatch(gone);
    const out = applyRewrites(file, code);
    expect(out).not.toBeNull();
    expect(out).not.toMatch(gone);
  });

  it('fails loudly when a dependency no longer has the code it rewrites', () => {
    expect(() => applyRewrites('/x/node_modules/zod/v4/core/util.js', 'export const allowsEval = 1;')).toThrow(/no longer contains/);
  });

  it('leaves every other module alone', () => {
    expect(applyRewrites('/x/src/ui/popup/Popup.tsx', 'el.innerHTML = x.__html')).toBeNull();
  });
});
