/**
 * What open shadow roots cost the tile scanner, in Chromium (no extension needed): the same
 * 2,000 link cards drawn twice, once in the light DOM and once as a web-component app (40 row
 * components, each card a component with its own open shadow root). Prints ONE JSON document
 * on stdout, progress on stderr.
 *
 *   npx tsx bench/shadow.bench.ts
 *
 * - discoverMs: the scanner's host discovery (`createShadowRoots().discover`, a TreeWalker
 *   reading `el.shadowRoot`) over the whole document and, on the component page, over every
 *   root it finds in turn; what a page pays once at start and then per added subtree. The light
 *   page's figure is the whole extra cost of this feature for a page without shadow roots.
 * - findTilesMs: the generic adapter's `findTiles` over the document, plus, on the component
 *   page, over every open shadow root (as the scanner calls it), with the tiles found.
 * Medians (and minima) of 15 calls after a warm-up, performance.now() inside one task.
 */
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { servePages } from './browser/serve-pages';

const ROOT = resolve(import.meta.dirname, '..');
const N = 2000;
const log = (msg: string) => process.stderr.write(`[shadow.bench] ${msg}\n`);

async function bundle(): Promise<string> {
  const out = await build({
    stdin: {
      contents: "export { findGenericTiles } from './src/sites/generic/tiles';\nexport { createShadowRoots } from './src/record/shadow-roots';",
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'Bench',
    platform: 'browser',
    target: 'chrome120',
    nodePaths: [join(ROOT, 'node_modules')],
    write: false,
  });
  return out.outputFiles[0]!.text;
}

const card = (i: number) =>
  `<div class="card"><a href="/movie/${i}"><img src="/p/${i}.jpg" width="200" height="300" alt=""></a><h3 class="card-title">Title ${i}</h3><span>200${i % 10}</span></div>`;

function lightPage(): string {
  const rows: string[] = [];
  for (let r = 0; r < N / 50; r++) {
    const cards = Array.from({ length: 50 }, (_, k) => card(r * 50 + k)).join('');
    rows.push(`<section class="row"><h2>Row ${r}</h2><div class="row-items">${cards}</div></section>`);
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>grid</title></head><body><main>${rows.join('')}</main></body></html>`;
}

/** The same cards as components: <x-row> roots holding <x-card> hosts whose roots hold the card. */
function componentPage(): string {
  const script = `
    class XCard extends HTMLElement { connectedCallback() { if (this.shadowRoot) return; const r = this.attachShadow({ mode: 'open' }); r.innerHTML = '<style>:host{display:block}</style>' + this.dataset.html; } }
    class XRow extends HTMLElement { connectedCallback() { if (this.shadowRoot) return; const r = this.attachShadow({ mode: 'open' }); r.innerHTML = '<h2>Row ' + this.dataset.row + '</h2><div class="row-items"></div>'; const items = r.querySelector('.row-items'); for (let k = 0; k < 50; k++) { const i = Number(this.dataset.row) * 50 + k; const c = document.createElement('x-card'); c.dataset.html = ${JSON.stringify(card(0))}.replace(/0/g, String(i)); items.append(c); } } }
    customElements.define('x-card', XCard);
    customElements.define('x-row', XRow);
    const main = document.querySelector('main');
    for (let r = 0; r < ${N / 50}; r++) { const row = document.createElement('x-row'); row.dataset.row = String(r); main.append(row); }`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>components</title></head><body><main></main><script>${script}</script></body></html>`;
}

async function main(): Promise<void> {
  const loadBefore = loadavg();
  const code = await bundle();
  const pages: Record<string, string> = { '/light-2000': lightPage(), '/components-2000': componentPage() };
  const server = await servePages(pages);
  const base = server.base;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  const out: Record<string, unknown> = {};
  try {
    for (const path of Object.keys(pages)) {
      const page = await browser.newPage();
      await page.goto(`${base}${path}`, { waitUntil: 'domcontentloaded' });
      await page.addScriptTag({ content: code });
      // tsx keeps function names with a helper the page does not have.
      await page.addScriptTag({ content: 'window.__name = (f) => f;' });
      const row = await page.evaluate(() => {
        type Api = {
          findGenericTiles(root: ParentNode): Element[];
          createShadowRoots(o: { doc: Document; onRoot(r: ShadowRoot): void }): { discover(root: Node, inserted: boolean): void; walked: number };
        };
        const api = (window as unknown as { Bench: Api }).Bench;
        /** The scanner's discovery: the document, then every root found, in turn. */
        const discoverAll = () => {
          const queue: ShadowRoot[] = [];
          const roots = api.createShadowRoots({ doc: document, onRoot: (r) => queue.push(r) });
          roots.discover(document, true);
          const all: ShadowRoot[] = [];
          for (let r = queue.shift(); r; r = queue.shift()) {
            all.push(r);
            roots.discover(r, true);
          }
          return { roots: all, walked: roots.walked };
        };
        const { roots, walked } = discoverAll();
        const findAll = () => {
          let n = api.findGenericTiles(document).length;
          for (const r of roots) n += api.findGenericTiles(r).length;
          return n;
        };
        discoverAll();
        findAll(); // warm-up
        const time = (fn: () => unknown) => {
          const runs: number[] = [];
          for (let i = 0; i < 15; i++) {
            const t0 = performance.now();
            fn();
            runs.push(performance.now() - t0);
          }
          runs.sort((a, b) => a - b);
          return { medianMs: Math.round(runs[7]! * 100) / 100, minMs: Math.round(runs[0]! * 100) / 100 };
        };
        return {
          elements: document.querySelectorAll('*').length,
          shadowRoots: roots.length,
          elementsWalked: walked,
          discoverMs: time(discoverAll),
          tiles: findAll(),
          findTilesMs: time(findAll),
        };
      });
      out[path.slice(1)] = row;
      log(`${path}: ${JSON.stringify(row)}`);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const result = { bench: 'shadow', loadavg: { before: loadBefore, after: loadavg() }, pages: out };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
