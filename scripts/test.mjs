// `npm test`: lint and format check (Biome), the unit tier, then the end-to-end tiers: the Chrome
// build in real Chromium, the Firefox build in real Firefox (development builds: the demo site's
// hosts are in them; bench mode keeps the badge timings the e2e tier reads).
// Ends with one plain "N passed, N failed" line over both tiers.
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';
import { ensureFirefox } from './ensure-firefox.mjs';

const run = (cmd) => execSync(cmd, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0', TASTEFUL_DEMO_HOSTS: '1' } });
const counts = { passed: 0, failed: 0 };
function tier(name, config) {
  const out = `.cache/vitest-${name}.json`;
  const started = Date.now();
  try {
    run(`npx vitest run ${config} --reporter=default --reporter=json --outputFile=${out}`);
  } finally {
    try {
      const r = JSON.parse(readFileSync(out, 'utf8'));
      counts.passed += r.numPassedTests;
      counts.failed += r.numFailedTests;
    } catch {
      counts.failed += 1; // no report: the tier crashed
    }
    console.log(`[tasteful] ${name} tier: ${Math.round((Date.now() - started) / 1000)} s`);
  }
}

mkdirSync('.cache', { recursive: true });
ensureChromium();
ensureFirefox();
// Every step runs even when an earlier one failed, so one run shows every failure.
let failed = false;
const step = (fn) => {
  try {
    fn();
  } catch (err) {
    failed = true;
    console.error(`[tasteful] step failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
};
step(() => run('npx biome check .'));
step(() => tier('unit', ''));
step(() => {
  run('npx wxt build --mode bench');
  tier('e2e', '--config vitest.e2e.config.ts');
});
step(() => {
  run('npx wxt build -b firefox --mv3 --mode bench');
  tier('firefox', '--config vitest.firefox.config.ts');
});
console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed`);
process.exit(failed || counts.failed > 0 ? 1 : 0);
