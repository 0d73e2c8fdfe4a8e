// `npm test`: lint and format check (Biome), the unit tier, then the extension build, then the
// end-to-end tier in real Chromium.
// Ends with one plain "N passed, N failed" line over both tiers.
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';

const run = (cmd) => execSync(cmd, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
const counts = { passed: 0, failed: 0 };
function tier(name, config) {
  const out = `.cache/vitest-${name}.json`;
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
  }
}

mkdirSync('.cache', { recursive: true });
ensureChromium();
let failed = false;
try {
  run('npx biome check .');
  tier('unit', '');
  run('npx wxt build --mode bench'); // the e2e tier reads badge timings, which production builds leave out
  tier('e2e', '--config vitest.e2e.config.ts');
} catch {
  failed = true;
}
console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed`);
process.exit(failed || counts.failed > 0 ? 1 : 0);
