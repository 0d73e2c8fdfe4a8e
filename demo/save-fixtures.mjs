#!/usr/bin/env node
/**
 * Saves server-rendered demo pages as adapter fixtures in src/sites/demo/fixtures/.
 * Pages are rendered as if served from http://127.0.0.1:5178 (the default port), and the
 * home and hostile pages are trimmed to keep the fixtures small. Usage: node demo/save-fixtures.mjs
 */
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from './server.mjs';

const OUT = fileURLToPath(new URL('../src/sites/demo/fixtures/', import.meta.url));
const HOST = '127.0.0.1:5178';

function get(port, path) {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers: { host: HOST } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}

/** Keep only the first `keep` rows (`<section class="row" ...>...</section>`) of a page. */
function keepRows(page, keep) {
  let count = 0;
  return page.replace(/<section class="row[^"]*"[^>]*>[\s\S]*?<\/section>\n?/g, (m) => (++count <= keep ? m : ''));
}

const { port, close } = await startDemoServer({ port: 0 });
try {
  mkdirSync(OUT, { recursive: true });
  const pages = {
    'home.html': keepRows(await get(port, '/'), 3),
    'search.html': await get(port, '/search?q=noir'),
    'title.html': await get(port, '/title/the-matrix-1999'),
    'title-series.html': await get(port, '/title/breaking-bad-2008'),
    'watch.html': await get(port, '/watch/fargo-2014?s=1&e=2'),
    'watch-movie.html': await get(port, '/watch/amelie-2001?autoplay=1&muted=1'),
    'hostile.html': (await get(port, '/hostile'))
      // Drop the 100 kB title tile and the big template to keep the fixture small.
      .replace(/<a class="tile" data-title-id="hostile-long"[\s\S]*?<\/a>/, '')
      .replace(/<template id="catalog-sample">[\s\S]*?<\/template>/, ''),
    'not-found.html': await get(port, '/title/no-such-title'),
  };
  for (const [name, body] of Object.entries(pages)) {
    writeFileSync(OUT + name, body);
    console.log(`${name}: ${body.length} chars`);
  }
} finally {
  await close();
}
