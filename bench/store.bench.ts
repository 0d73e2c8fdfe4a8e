/**
 * Store benchmark in real Chromium IndexedDB (fake-indexeddb would measure a JS Map).
 * Bundles bench/browser/store-entry.ts with esbuild, serves it on 127.0.0.1, drives Debian
 * Chromium with playwright-core and prints one JSON document on stdout (progress on stderr).
 *
 *   npx tsx bench/store.bench.ts [--sizes 100000,1000000] [--quick]
 */
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { servePages } from './browser/serve-pages';

const args = process.argv.slice(2);
const sizesArg =
  args.find((a) => a.startsWith('--sizes'))?.split('=')[1] ?? (args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : undefined);
const sizes = args.includes('--quick')
  ? [100_000]
  : (sizesArg ?? '100000,1000000')
      .split(',')
      .map(Number)
      .filter((n) => n > 0)
      .sort((a, b) => a - b);
const log = (msg: string) => process.stderr.write(`[store.bench] ${msg}\n`);

const TARGETS = { pageQueryMs: 50, export1MSeconds: 10 };

async function main(): Promise<void> {
  const bundle = await build({
    entryPoints: [resolve(import.meta.dirname, 'browser/store-entry.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    minify: false,
  });
  const js = bundle.outputFiles[0]!.text;
  const server = await servePages(
    { '/store-entry.js': { body: js, type: 'text/javascript' } },
    '<!doctype html><meta charset="utf-8"><script type="module" src="/store-entry.js"></script>',
  );
  const port = server.port;

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--enable-precise-memory-info',
      '--js-flags=--expose-gc',
    ],
  });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => 'storeBench' in window);
    const chromiumVersion = browser.version();
    await page.evaluate(() => window.storeBench.reset());

    const results: Array<Record<string, unknown>> = [];
    for (const size of sizes) {
      log(`seeding to ${size} events`);
      const insert = await page.evaluate((n) => window.storeBench.seedTo(n), size);
      log(`inserted ${insert.events} at ${insert.eventsPerSecond}/s; querying`);
      const historyQueries = await page.evaluate(() => window.storeBench.queries(25));
      log('exporting');
      const exportResult = await page.evaluate(() => window.storeBench.exportRun(2000));
      const readOnly = await page.evaluate(() => window.storeBench.readOnlyRun(2000));
      log('title writes');
      const titleWrites = await page.evaluate(() => window.storeBench.titleWrites(40, 24));
      const worstMedian = Math.max(...Object.values(historyQueries).map((q) => q.medianMs));
      results.push({
        storedEvents: size,
        insert,
        historyQueries,
        export: { ...exportResult, idbReadOnlySeconds: readOnly.seconds },
        titleWrites,
        meetsTargets: {
          pageQueryUnder50ms: worstMedian < TARGETS.pageQueryMs,
          exportUnder10sPer1M: (exportResult.seconds as number) < (TARGETS.export1MSeconds * size) / 1_000_000,
        },
      });
    }
    // Load average is printed because timings on a shared machine are only comparable with it.
    const machine = { cores: cpus().length, loadAverage1m: Math.round(loadavg()[0]! * 10) / 10 };
    console.log(JSON.stringify({ engine: `Chromium ${chromiumVersion} IndexedDB`, machine, titles: 20_000, targets: TARGETS, results }, null, 2));
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
