/**
 * Engine at scale in real Chromium IndexedDB: a store of 50,000 catalog titles and up to
 * 1,000,000 events; times the first state build, a rebuild after a change (what the first
 * page after a watch or a rating waits for, unless the pre-warm got there first), scoring a
 * page of 24 and of 500 titles, and the picks (plain, and the panel's under the local experiment). Prints one JSON document on stdout.
 *
 *   npx tsx bench/engine.bench.ts [--quick]      (PROFILE=1: also the top self-time functions of one more run)
 */
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { chromium } from 'playwright-core';
import { servePages } from './browser/serve-pages';

const quick = process.argv.includes('--quick');
const SIZES = quick
  ? [{ titles: 50_000, events: 100_000 }]
  : [
      { titles: 50_000, events: 100_000 },
      { titles: 50_000, events: 1_000_000 },
    ];
const log = (msg: string) => process.stderr.write(`[engine.bench] ${msg}\n`);

/** The engine's module graph names the ONNX runtime's wasm by a bundler `?url` import; the bench never loads it. */
const urlImports: Plugin = {
  name: 'url-imports',
  setup(b) {
    b.onResolve({ filter: /\?url$/ }, (a) => ({ path: a.path, namespace: 'url-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'url-stub' }, () => ({ contents: 'export default "";', loader: 'js' }));
  },
};

async function main(): Promise<void> {
  const started = Date.now();
  const loadBefore = loadavg();
  const bundle = await build({
    entryPoints: [resolve(import.meta.dirname, 'browser/engine-entry.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    plugins: [urlImports],
  });
  const js = bundle.outputFiles[0]!.text;
  const server = await servePages(
    { '/engine-entry.js': { body: js, type: 'text/javascript' } },
    '<!doctype html><meta charset="utf-8"><script type="module" src="/engine-entry.js"></script>',
  );
  const port = server.port;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => 'engineBench' in window);
    const results: unknown[] = [];
    for (const size of SIZES) {
      log(`seeding ${size.titles} titles, ${size.events} events`);
      const seeded = await page.evaluate(([t, e]) => window.engineBench.seed(t!, e!), [size.titles, size.events]);
      log(`seeded in ${seeded.seconds} s; measuring`);
      const m = await page.evaluate(() => window.engineBench.measure(5));
      if (process.env.PROFILE) {
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.start');
        await page.evaluate(() => window.engineBench.measure(1));
        const { profile } = (await cdp.send('Profiler.stop')) as {
          profile: {
            nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
            samples: number[];
            timeDeltas: number[];
          };
        };
        const self = new Map<string, number>();
        const byId = new Map(profile.nodes.map((n) => [n.id, n]));
        profile.samples.forEach((id, i) => {
          const n = byId.get(id)!;
          const k = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`;
          self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
        });
        log(
          JSON.stringify(
            [...self]
              .sort((a, b) => b[1] - a[1])
              .slice(0, 25)
              .map(([k, v]) => `${k} ${Math.round(v)}ms`),
          ),
        );
      }
      log(
        `rebuild ${m.rebuildMedianMs} ms, rank 24 ${m.rankPage24MedianMs} ms, rank 500 ${m.rankPage500MedianMs} ms, picks ${m.picksMedianMs} ms, panel picks (experiment) ${m.panelPicksMedianMs} ms`,
      );
      const reads = await page.evaluate(() => window.engineBench.reads());
      log(`reads: ${JSON.stringify(reads)}`);
      results.push({ ...size, seedSeconds: seeded.seconds, ...m, readsByTable: reads });
    }
    process.stdout.write(
      JSON.stringify(
        {
          machine: { cores: cpus().length, node: process.version, chromium: browser.version() },
          loadavg: { before: loadBefore.map((v) => Math.round(v * 100) / 100), after: loadavg().map((v) => Math.round(v * 100) / 100) },
          model: 'deterministic hash vectors (the model itself: model.bench.ts)',
          results,
          seconds: Math.round((Date.now() - started) / 100) / 10,
        },
        null,
        2,
      ) + '\n',
    );
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => {
  process.stderr.write(`[engine.bench] failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
