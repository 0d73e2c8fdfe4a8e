/**
 * Takes two dependency features out of the extension bundles that a store review questions
 * (`web-ext lint`: DANGEROUS_EVAL, UNSAFE_VAR_ASSIGNMENT) and that Tasteful never uses:
 * - zod's JIT: its `allowsEval` probe and `Doc.compile` build parsers with the `Function`
 *   constructor. Our CSP forbids it anyway (the probe just fails); here the code goes, so
 *   zod always takes its interpreted path.
 * - onnxruntime-web's loader for a glue script at a URL (`import(url)`): used only when the
 *   caller points `wasmPaths` at an external .mjs. We ship the bundle with the glue inside
 *   and set only the .wasm file's URL, so loading code from an address is switched off.
 * - Preact's `dangerouslySetInnerHTML`: the one place Preact writes `innerHTML` from a value.
 *   No component of ours uses it (page text is text, never HTML); if one ever did, it throws.
 * Each rewrite must match: when a dependency update changes the code, the build fails here
 * instead of silently shipping the feature again.
 */
import type { Plugin } from 'vite';

interface Rewrite {
  file: RegExp;
  find: RegExp;
  replace: string;
}

const THROW = (what: string) => `(()=>{throw new Error(${JSON.stringify(`${what} is switched off in Tasteful builds`)})})()`;

export const REWRITES: Rewrite[] = [
  {
    file: /[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/,
    find: /const F = Function;\s*new F\(""\);\s*return true;/,
    replace: 'return false;',
  },
  {
    file: /[\\/]zod[\\/]v4[\\/]core[\\/]doc\.js$/,
    find: /const F = Function;/,
    replace: `const F = function () { ${THROW('zod code generation')}; };`,
  },
  {
    file: /[\\/]onnxruntime-web[\\/]dist[\\/]ort\.wasm\.bundle\.min\.mjs$/,
    find: /async (\w+)=>\(await import\(\/\*webpackIgnore:true\*\/ \/\*@vite-ignore\*\/\1\)\)\.default/,
    replace: `async()=>${THROW('loading onnxruntime glue from a URL')}`,
  },
  {
    file: /[\\/]preact[\\/]dist[\\/]preact\.(module\.js|mjs)$/,
    find: /\((\w)\.innerHTML=(\w)\.__html\)/,
    replace: THROW('dangerouslySetInnerHTML'),
  },
];

export function applyRewrites(id: string, code: string): string | null {
  const path = id.split('?')[0]!;
  let out: string | null = null;
  for (const r of REWRITES) {
    if (!r.file.test(path)) continue;
    const src: string = out ?? code;
    if (!r.find.test(src)) throw new Error(`vite-no-codegen: ${path} no longer contains ${r.find}; update scripts/vite-no-codegen.ts`);
    out = src.replace(r.find, r.replace);
  }
  return out;
}

export function noCodegen(): Plugin {
  return {
    name: 'tasteful-no-codegen',
    enforce: 'pre',
    transform(code, id) {
      const out = applyRewrites(id, code);
      return out === null ? null : { code: out, map: null };
    },
  };
}
