/**
 * Badge latency alone (the same measurement as page.bench.ts's badgeLatency500, without the
 * minutes of page-cost runs around it): tile in the DOM → badge painted on a 500-tile demo
 * page, after a profile with evidence. Run `npx wxt build --mode bench` first. Prints ONE JSON document.
 *
 *   npx tsx bench/badges.bench.ts [--runs N] [--tiles N]
 */
import { cpus, loadavg } from 'node:os';
import { contentScriptReady, launchWithExtension } from '../test/e2e/harness';
import { startDemoServer } from '../demo/server.mjs';
import { ensureEvidence, measureBadgeLatency, round } from './browser/page-helpers';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const log = (msg: string) => process.stderr.write(`[badges.bench] ${msg}\n`);
/** Three frames (issue 13): tile → badge p95, and tiles in the DOM → first badge. */
const P95_TARGET_MS = 50;
const FIRST_AFTER_DOM_TARGET_MS = 300;

async function main(): Promise<void> {
  const started = Date.now();
  const loadBefore = loadavg();
  const s = await launchWithExtension();
  const demo = await startDemoServer({ port: 0, quiet: true });
  try {
    await contentScriptReady(s);
    const evidence = await ensureEvidence(s, demo.url, log);
    const tiles = arg('tiles', 500);
    const badges = await measureBadgeLatency(s, `${demo.url}/stress?n=${tiles}`, arg('runs', 5), log);
    const result = {
      machine: { cores: cpus().length, node: process.version, chromium: s.context.browser()?.version() ?? null },
      loadavg: { before: loadBefore.map((v) => round(v, 2)), after: loadavg().map((v) => round(v, 2)) },
      profileHasEvidence: evidence,
      tiles,
      ...badges,
      target: { tileToBadgeP95Ms: P95_TARGET_MS, firstBadgeAfterTilesInDomMs: FIRST_AFTER_DOM_TARGET_MS },
      pass: {
        tileToBadgeP95: badges.tileToBadgeP95Ms !== null && badges.tileToBadgeP95Ms <= P95_TARGET_MS,
        firstBadgeAfterTilesInDom: badges.firstBadgeAfterTilesInDomMs !== null && badges.firstBadgeAfterTilesInDomMs <= FIRST_AFTER_DOM_TARGET_MS,
      },
      seconds: round((Date.now() - started) / 1000),
    };
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } finally {
    await s.close();
    await demo.close();
  }
}

main().catch((e) => {
  process.stderr.write(`[badges.bench] failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
