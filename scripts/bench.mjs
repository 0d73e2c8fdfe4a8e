// `npm run bench`: every benchmark in bench/, each printing one JSON document; collected
// into one JSON object on stdout (and bench/results/latest.json). `--quick` for smaller sizes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const only = args.find((a) => !a.startsWith('--'));
ensureChromium();
// The benchmarks run on the demo site: a development build with its hosts in the manifest, in
// bench mode, which keeps the badge timings in the content script (production builds leave them out).
execFileSync('npx', ['wxt', 'build', '--mode', 'bench'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, TASTEFUL_DEMO_HOSTS: '1' },
});

const files = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();
const results = {};
for (const f of files) {
  process.stderr.write(`[bench] ${f}\n`);
  const out = execFileSync('npx', ['tsx', join('bench', f), ...args.filter((a) => a.startsWith('--'))], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const start = out.indexOf('{');
  results[f.replace(/\.bench\.ts$/, '')] = start >= 0 ? JSON.parse(out.slice(start)) : { error: 'no JSON output', out };
}
const json = JSON.stringify({ machine: { cores: (await import('node:os')).cpus().length, node: process.version }, results }, null, 2);
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/latest.json'), json);
console.log(json);
