// Demo site server: contract, escaping, posters, media ranges, no external URLs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { startDemoServer, parseRange, type DemoServer } from './server.mjs';
import { CATALOG, GENRES } from './catalog.mjs';
import { HOSTILE } from './lib/hostile.mjs';

let srv: DemoServer;
beforeAll(async () => {
  srv = await startDemoServer({ port: 0 });
});
afterAll(async () => {
  await srv?.close();
});

async function get(path: string, init?: RequestInit) {
  const res = await fetch(srv.url + path, init);
  const body = init?.method === 'HEAD' ? '' : await res.text();
  return { res, body };
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? null;
const unescapeHtml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#96;/g, '`')
    .replace(/&amp;/g, '&');

/** Tile opening tags (`<a class="tile ...">`) of a page. */
function tiles(page: string): string[] {
  return page.match(/<a class="tile[^"]*"[^>]*>/g) ?? [];
}

/** The `<script>` opening tags of a page: only our own files and JSON-LD are allowed. */
function scriptTags(page: string): string[] {
  return page.match(/<script\b[^>]*>/gi) ?? [];
}

function jsonLdBlocks(page: string): unknown[] {
  return Array.from(page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)).flatMap((m) => {
    try {
      return [JSON.parse(m[1]!)];
    } catch {
      return [];
    }
  });
}

/** Minimal XML well-formedness: balanced tags, quoted attributes, no stray `<` or `&`. */
function assertWellFormedXml(xml: string) {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const tokens = body.split(/(<[^>]*>)/);
  for (const tok of tokens) {
    if (!tok) continue;
    if (tok.startsWith('<')) {
      const m = /^<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>$/.exec(tok);
      if (!m) throw new Error(`malformed tag: ${tok.slice(0, 80)}`);
      const [, close, name, , selfClose] = m;
      if (close) {
        if (stack.pop() !== name) throw new Error(`mismatched </${name}>`);
      } else if (!selfClose) stack.push(name!);
    } else {
      if (tok.includes('<') || tok.includes('>')) throw new Error(`raw angle bracket in text: ${tok.slice(0, 80)}`);
      if (/&(?!(?:amp|lt|gt|quot|#39|apos);)/.test(tok)) throw new Error(`raw ampersand in text: ${tok.slice(0, 80)}`);
    }
  }
  if (stack.length) throw new Error(`unclosed: ${stack.join(',')}`);
}

const HOSTILE_FRAGMENTS = ['<img src=x', '<script>alert', '<svg onload', "' onmouseover='"];
const LD_BLOCK = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/g;

/** Attribute names of every tag in `markup` (values are quoted and escaped, so `>` ends a tag). */
function attributeNames(markup: string): string[] {
  const names: string[] = [];
  for (const tag of markup.match(/<[a-zA-Z][^>]*>/g) ?? []) {
    for (const m of tag.matchAll(/\s([^\s="'>/]+)(?:="[^"]*")?/g)) names.push(m[1]!.toLowerCase());
  }
  return names;
}

function assertNoHostileMarkup(page: string, where: string) {
  // JSON-LD blocks are data: they must hold no '<' at all (so nothing can close the script
  // element or open a comment); the rest of the page is checked for hostile markup.
  for (const m of page.matchAll(LD_BLOCK)) {
    if (!m[1]!.startsWith('{ "@type": "Movie", "name": "broken json')) expect(m[1], where).not.toMatch(/[<>]/);
  }
  page = page.replace(LD_BLOCK, '');
  for (const frag of HOSTILE_FRAGMENTS) {
    // Outside JSON-LD (where < is \u003c anyway) no hostile fragment may appear verbatim.
    expect(page.includes(frag), `${where} contains ${frag}`).toBe(false);
  }
  // No event-handler attribute anywhere: hostile text like "onerror=alert(1)" stays text.
  expect(
    attributeNames(page).filter((n) => n.startsWith('on')),
    where,
  ).toEqual([]);
  for (const tag of scriptTags(page)) {
    expect(tag, `${where}: unexpected script tag`).toMatch(/^<script (src="\/static\/[a-z]+\.js"( defer)?|type="application\/ld\+json")>$/);
  }
  // No attribute injection: every tile tag has exactly the contract's attributes.
  for (const tag of tiles(page)) {
    const names = attributeNames(tag);
    expect(names, `${where}: ${tag.slice(0, 120)}`).toEqual([
      'class',
      'data-title-id',
      'data-year',
      'data-kind',
      'data-genres',
      'data-description',
      'href',
    ]);
  }
}

describe('catalog', () => {
  it('has 320+ real titles with the required fields and ~15% series', () => {
    expect(CATALOG.length).toBeGreaterThanOrEqual(320);
    const series = CATALOG.filter((t) => t.kind === 'series').length;
    expect(series / CATALOG.length).toBeGreaterThan(0.12);
    expect(series / CATALOG.length).toBeLessThan(0.2);
    const ids = new Set(CATALOG.map((t) => t.id));
    expect(ids.size).toBe(CATALOG.length);
    for (const t of CATALOG) {
      expect(t.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*-\d{4}$/);
      expect(t.id.endsWith(`-${t.year}`)).toBe(true);
      expect(t.year).toBeGreaterThanOrEqual(1900);
      expect(t.year).toBeLessThanOrEqual(2026);
      expect(t.genres.length).toBeGreaterThan(0);
      for (const g of t.genres) expect(GENRES).toContain(g);
      expect(t.description.length).toBeGreaterThan(20);
      expect(t.description.length).toBeLessThan(140);
    }
    expect(CATALOG.find((t) => t.id === 'the-matrix-1999')?.title).toBe('The Matrix');
  });

  it('covers every genre and several eras', () => {
    for (const g of GENRES)
      expect(
        CATALOG.some((t) => t.genres.includes(g)),
        g,
      ).toBe(true);
    const decades = new Set(CATALOG.map((t) => Math.floor(t.year / 10)));
    expect(decades.size).toBeGreaterThanOrEqual(9);
  });
});

describe('server basics', () => {
  it('starts on a free port on 127.0.0.1', () => {
    expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(srv.port).toBeGreaterThan(0);
  });

  it('serves pages with correct content types and the demo marker', async () => {
    for (const path of ['/', '/search?q=x', '/title/the-matrix-1999', '/watch/the-matrix-1999', '/stress?n=5', '/hostile', '/?page=2']) {
      const { res, body } = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(body).toContain('<meta name="tasteful-demo" content="1">');
      expect(body).toContain('<meta name="color-scheme" content="dark">');
      expect(body).toMatch(
        /<form role="search" action="\/search" method="get"[^>]*>\s*<label[^>]*>[^<]*<\/label>\s*<input id="site-search" type="search" name="q"/,
      );
    }
    expect((await get('/static/site.css')).res.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get('/static/site.js')).res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('/poster/the-matrix-1999.svg')).res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect((await get('/api/catalog.json')).res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('answers 404 with a page, HEAD without a body, 405 for other methods', async () => {
    const nf = await get('/nope/<b>x</b>');
    expect(nf.res.status).toBe(404);
    expect(nf.body).toContain('tasteful-demo');
    expect(nf.body).not.toContain('<b>x</b>');
    expect((await get('/title/no-such-title-1999')).res.status).toBe(404);
    expect((await get('/poster/no-such-title.svg')).res.status).toBe(404);
    const head = await fetch(srv.url + '/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(1000);
    expect((await head.text()).length).toBe(0);
    expect((await fetch(srv.url + '/', { method: 'POST' })).status).toBe(405);
  });

  it('switches to the light theme with ?theme=light and remembers it', async () => {
    const { res, body } = await get('/?theme=light');
    expect(body).toContain('<meta name="color-scheme" content="light">');
    expect(body).toContain('<html lang="en" class="theme-light">');
    expect(res.headers.get('set-cookie')).toMatch(/^theme=light;/);
    const again = await get('/title/the-matrix-1999', { headers: { cookie: 'theme=light' } });
    expect(again.body).toContain('content="light"');
  });

  it('adds a strict CSP with ?csp=1', async () => {
    const { res } = await get('/?csp=1');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('home page', () => {
  let page = '';
  beforeAll(async () => {
    page = (await get('/')).body;
  });

  it('has ~12 rows of 20-30 tiles and 300+ distinct titles', () => {
    const rows = Array.from(
      page.matchAll(/<section class="row" data-row="([^"]+)">\s*<h2>([^<]+)<\/h2>\s*<div class="row-items">([\s\S]*?)<\/div>\s*<\/section>/g),
    );
    expect(rows.length).toBeGreaterThanOrEqual(11);
    expect(rows.length).toBeLessThanOrEqual(14);
    const names = rows.map((r) => unescapeHtml(r[1]!));
    for (const name of [
      'Trending now',
      'Sci-Fi & Fantasy',
      'Comedies',
      'Dark thrillers',
      'Series to binge',
      'Classics',
      'Horror',
      'Romance',
      'Animation',
      'Documentaries',
    ]) {
      expect(names).toContain(name);
    }
    const ids = new Set<string>();
    for (const r of rows) {
      const rowTiles = tiles(r[3]!);
      expect(rowTiles.length, r[1]).toBeGreaterThanOrEqual(20);
      expect(rowTiles.length, r[1]).toBeLessThanOrEqual(30);
      for (const t of rowTiles) ids.add(attr(t, 'data-title-id')!);
    }
    expect(ids.size).toBeGreaterThanOrEqual(300);
  });

  it('renders every tile with the markup contract', () => {
    const all = Array.from(page.matchAll(/<a class="tile[^"]*"[^>]*>[\s\S]*?<\/a>/g)).map((m) => m[0]);
    expect(all.length).toBeGreaterThan(300);
    let hoverOnly = 0;
    for (const t of all) {
      const id = attr(t, 'data-title-id')!;
      const entry = CATALOG.find((c) => c.id === id)!;
      expect(entry, id).toBeTruthy();
      expect(attr(t, 'href')).toBe(`/title/${id}`);
      expect(attr(t, 'data-year')).toBe(String(entry.year));
      expect(attr(t, 'data-kind')).toBe(entry.kind);
      expect(attr(t, 'data-genres')).toBe(entry.genres.join(','));
      expect(unescapeHtml(attr(t, 'data-description')!)).toBe(entry.description);
      const img = /<img [^>]*>/.exec(t)![0];
      expect(unescapeHtml(attr(img, 'alt')!)).toBe(entry.title);
      expect(attr(img, 'src')).toBe(`/poster/${id}.svg`);
      expect(attr(img, 'loading')).toBe('lazy');
      expect(t).toContain(`<span class="tile-year">${entry.year}</span>`);
      if (t.startsWith('<a class="tile hover-only"')) hoverOnly++;
    }
    expect(hoverOnly).toBeGreaterThan(10);
  });

  it('offers more rows on page 2 and as a fragment', async () => {
    const frag = await get('/fragment/rows?page=2');
    expect(frag.res.status).toBe(200);
    expect(frag.res.headers.get('x-next-page')).toBe('3');
    expect(tiles(frag.body).length).toBeGreaterThan(40);
    expect((await get('/fragment/rows?page=99')).res.status).toBe(204);
  });
});

describe('search, title and watch pages', () => {
  it('searches case-insensitively in title, genre and description', async () => {
    const byTitle = await get('/search?q=MATRIX');
    expect(tiles(byTitle.body).map((t) => attr(t, 'data-title-id'))).toEqual(['the-matrix-1999']);
    const byGenre = tiles((await get('/search?q=western')).body);
    expect(byGenre.length).toBeGreaterThanOrEqual(20);
    const byDesc = tiles((await get('/search?q=lifeboat')).body).map((t) => attr(t, 'data-title-id'));
    expect(byDesc).toContain('life-of-pi-2012');
    const accent = tiles((await get('/search?q=amelie')).body).map((t) => attr(t, 'data-title-id'));
    expect(accent).toContain('amelie-2001');
    const none = await get('/search?q=zzzzqqq');
    expect(none.body).toContain('No titles match');
    const results = await get('/search?q=noir');
    expect(results.body).toContain('data-row="Search results"');
    expect(results.body).toMatch(/<input type="search" name="q" value="noir"/);
  });

  it('renders a title page with Play, JSON-LD, Open Graph and More like this', async () => {
    const { body } = await get('/title/the-matrix-1999');
    expect(body).toContain('<a class="button play" href="/watch/the-matrix-1999">');
    expect(body).toContain('<meta property="og:type" content="video.movie">');
    expect(body).toContain('<meta property="og:title" content="The Matrix">');
    const [ld] = jsonLdBlocks(body) as Record<string, unknown>[];
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Movie',
      name: 'The Matrix',
      datePublished: '1999',
      genre: ['Action', 'Sci-Fi'],
      image: `${srv.url}/poster/the-matrix-1999.svg`,
    });
    expect(body).toContain('data-row="More like this"');
    const series = await get('/title/breaking-bad-2008');
    expect(series.body).toContain('content="video.tv_show"');
    expect((jsonLdBlocks(series.body)[0] as { '@type': string })['@type']).toBe('TVSeries');
    expect(series.body).toContain('href="/watch/breaking-bad-2008?s=1&amp;e=1"');
  });

  it('renders the watch page player with autoplay and muted options', async () => {
    const plain = await get('/watch/the-matrix-1999');
    expect(plain.body).toMatch(/<video id="player" class="player" data-title-id="the-matrix-1999" src="\/media\/demo.webm" controls/);
    expect(plain.body).not.toMatch(/<video[^>]* autoplay/);
    expect(plain.body).toContain('<h1 class="watch-title">');
    expect(jsonLdBlocks(plain.body).length).toBe(1);
    const auto = await get('/watch/the-matrix-1999?autoplay=1&muted=1');
    expect(auto.body).toMatch(/<video id="player"[^>]* autoplay data-autoplay="1" muted data-muted="1">/);
    const ep = await get('/watch/fargo-2014?s=1&e=2');
    expect(ep.body).toContain('data-season="1" data-episode="2"');
  });

  it('renders n tiles with unique ids on /stress', async () => {
    const { body } = await get('/stress?n=10000');
    const t = tiles(body);
    expect(t.length).toBe(10000);
    expect(new Set(t.map((x) => attr(x, 'data-title-id'))).size).toBe(10000);
    const alias = t[CATALOG.length]!;
    expect(attr(alias, 'data-title-id')).toBe(`${CATALOG[0]!.id}-r1`);
    expect((await get(`/title/${CATALOG[0]!.id}-r1`)).res.status).toBe(200);
    expect((await get(`/poster/${CATALOG[0]!.id}-r1.svg`)).res.status).toBe(200);
    expect(tiles((await get('/stress?n=99999')).body).length).toBe(10000);
    expect(tiles((await get('/stress')).body).length).toBe(2000);
  });
});

describe('escaping', () => {
  it('escapes hostile titles on every page type', async () => {
    for (const h of HOSTILE) {
      const pages = {
        title: (await get(`/title/${h.id}`)).body,
        watch: (await get(`/watch/${h.id}?autoplay=1`)).body,
      };
      for (const [kind, page] of Object.entries(pages)) {
        assertNoHostileMarkup(page, `${kind} ${h.id}`);
        // The JSON-LD still carries the exact title, and the visible heading shows it as text.
        const ld = jsonLdBlocks(page)[0] as { name: string; description: string };
        expect(ld.name, `${kind} ${h.id}`).toBe(h.title);
        expect(ld.description).toBe(h.description);
        expect(page.match(/<script type="application\/ld\+json">/g)?.length).toBe(1);
      }
      expect(pages.title).toContain(
        `data-title="${h.title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/`/g, '&#96;')}"`,
      );
    }
  });

  it('escapes hostile search queries and hostile search results', async () => {
    const q = encodeURIComponent('<script>alert(1)</script>"><img src=x onerror=alert(1)>');
    const { body } = await get(`/search?q=${q}&hostile=1`);
    assertNoHostileMarkup(body, 'search');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const results = await get(`/search?q=${encodeURIComponent('alert')}&hostile=1`);
    assertNoHostileMarkup(results.body, 'search results');
    expect(tiles(results.body).length).toBeGreaterThanOrEqual(3);
    const frag = await get(`/fragment/search?q=${encodeURIComponent('alert')}&hostile=1`);
    assertNoHostileMarkup(frag.body, 'search fragment');
  });

  it('renders /hostile safely', async () => {
    const { body } = await get('/hostile');
    assertNoHostileMarkup(body, 'hostile');
    // Only the intended hostile script, in <head>, before anything else runs.
    expect(scriptTags(body)).toContain('<script src="/static/hostile.js">');
    expect(body.indexOf('/static/hostile.js')).toBeLessThan(body.indexOf('<body'));
    // The hostile cases are all there, as text.
    expect(body).toContain('alt="&lt;img src=x onerror=alert(1)&gt;"');
    expect(body).toContain('href="javascript:alert(document.domain)"');
    expect(body).toContain('\u202Eevil');
    expect(body).toContain('👩‍👩‍👧‍👦');
    expect(body.length).toBeGreaterThan(200_000); // the 100 kB title (alt + caption)
    expect(body).toContain('id="mutating"');
    expect(body).toContain('data-row="&lt;script&gt;alert(&quot;row&quot;)&lt;/script&gt;"');
    const js = (await get('/static/hostile.js')).body;
    for (const api of [
      'Element.prototype.querySelectorAll',
      'EventTarget.prototype.addEventListener',
      'window.MutationObserver',
      'requestAnimationFrame',
    ]) {
      expect(js).toContain(api);
    }
  });

  it('escapes the 404 page', async () => {
    const res = await fetch(`${srv.url}/title/${encodeURIComponent('"><script>alert(1)</script>')}`);
    const body = await res.text();
    expect(res.status).toBe(404);
    assertNoHostileMarkup(body, '404');
  });
});

describe('posters', () => {
  it('are valid, self-contained SVG for every catalog and hostile title', async () => {
    const ids = [...CATALOG.map((t) => t.id), ...HOSTILE.map((t) => t.id)];
    for (const id of ids) {
      const { res, body } = await get(`/poster/${encodeURIComponent(id)}.svg`);
      expect(res.status, id).toBe(200);
      expect(body.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(body.trimEnd().endsWith('</svg>')).toBe(true);
      expect(body).not.toMatch(/<script|url\((?!#)|@import|<foreignObject|<image/i);
      expect(
        attributeNames(body).filter((n) => n.startsWith('on') || n.endsWith('href')),
        id,
      ).toEqual([]);
      expect(() => assertWellFormedXml(body), id).not.toThrow();
    }
  });

  it('are deterministic and draw the title', async () => {
    const a = (await get('/poster/the-matrix-1999.svg')).body;
    const b = (await get('/poster/the-matrix-1999.svg')).body;
    expect(a).toBe(b);
    expect(a).toContain('<title>The Matrix</title>');
    expect(a).toContain('>1999</text>');
    const c = (await get('/poster/blade-runner-1982.svg')).body;
    expect(c).not.toBe(a);
    const hostile = (await get('/poster/hostile-attr-quote.svg')).body;
    expect(hostile).toContain('&quot;&gt;&lt;svg onload=alert(1)&gt;');
  });
});

describe('media', () => {
  const file = readFileSync(new URL('./media/demo.webm', import.meta.url));

  it('is a small WebM file', () => {
    expect(file.length).toBeLessThanOrEqual(500 * 1024);
    expect(file.subarray(0, 4).toString('hex')).toBe('1a45dfa3'); // EBML magic
  });

  it('serves the whole file with Accept-Ranges', async () => {
    const res = await fetch(`${srv.url}/media/demo.webm`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/webm');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await res.arrayBuffer()).equals(file)).toBe(true);
    const head = await fetch(`${srv.url}/media/demo.webm`, { method: 'HEAD' });
    expect(Number(head.headers.get('content-length'))).toBe(file.length);
  });

  it('supports Range requests', async () => {
    const size = file.length;
    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=1000-', 1000, size - 1],
      ['bytes=-500', size - 500, size - 1],
      [`bytes=${size - 10}-${size + 1000}`, size - 10, size - 1],
    ];
    for (const [range, start, end] of cases) {
      const res = await fetch(`${srv.url}/media/demo.webm`, { headers: { range } });
      expect(res.status, range).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
      expect(Number(res.headers.get('content-length'))).toBe(end - start + 1);
      expect(Buffer.from(await res.arrayBuffer()).equals(file.subarray(start, end + 1))).toBe(true);
    }
    const bad = await fetch(`${srv.url}/media/demo.webm`, { headers: { range: `bytes=${size}-` } });
    expect(bad.status).toBe(416);
    expect(bad.headers.get('content-range')).toBe(`bytes */${size}`);
    await bad.arrayBuffer();
    const junk = await fetch(`${srv.url}/media/demo.webm`, { headers: { range: 'items=0-1' } });
    expect(junk.status).toBe(200);
    await junk.arrayBuffer();
  });

  it('parses ranges', () => {
    expect(parseRange('bytes=0-0', 10)).toEqual({ start: 0, end: 0 });
    expect(parseRange('bytes=5-2', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=-20', 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=0-1,4-5', 10)).toEqual({ start: 0, end: 1 });
    expect(parseRange(undefined, 10)).toBeNull();
    expect(parseRange('bytes=-', 10)).toBeNull();
  });
});

describe('no external resources', () => {
  it('pages, scripts and styles reference no other host', async () => {
    const paths = [
      '/',
      '/?page=2',
      '/?page=3',
      '/fragment/rows?page=2',
      '/search?q=drama',
      '/search?q=alert&hostile=1',
      '/search',
      '/title/the-matrix-1999',
      '/title/breaking-bad-2008',
      '/watch/the-matrix-1999?autoplay=1',
      '/watch/fargo-2014?s=1&e=2',
      '/stress?n=100',
      '/hostile',
      '/nope',
      '/static/site.css',
      '/static/site.js',
      '/static/hostile.js',
      '/static/favicon.svg',
      '/title/hostile-json',
    ];
    // Identifiers that look like URLs but are never fetched: the schema.org vocabulary in
    // JSON-LD and the SVG namespace.
    const allowed = new Set(['https://schema.org', 'http://www.w3.org/2000/svg']);
    for (const path of paths) {
      const { body } = await get(path);
      const urls = Array.from(body.matchAll(/\bhttps?:\/\/[^\s"'<>)\\]+/gi)).map((m) => m[0]);
      for (const u of urls) {
        if (allowed.has(u)) continue;
        expect(new URL(u).host, `${path}: ${u}`).toBe(new URL(srv.url).host);
      }
      expect(body, path).not.toMatch(/\b(?:src|href|action|poster|content)="\/\//i);
      expect(body, path).not.toMatch(/@import|url\(\s*['"]?(?:https?:)?\/\//i);
    }
  });
});
