// @vitest-environment happy-dom
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ADAPTERS, pickAdapter } from './registry';
import { loadFixture, parseHtml } from '../../test/support/load-fixture';

const pick = (url: string, doc?: Document) => pickAdapter(new URL(url), doc).name;
const root = dirname(fileURLToPath(import.meta.url));

describe('registry', () => {
  it('lists every adapter once, generic last', () => {
    const names = ADAPTERS.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.at(-1)).toBe('generic');
    expect(names).toEqual(expect.arrayContaining(['youtube', 'netflix', 'jellyfin', 'generic']));
  });

  it.each([
    ['https://www.youtube.com/watch?v=aqz-KE-bpKQ', 'youtube'],
    ['https://m.youtube.com/results?search_query=x', 'youtube'],
    ['https://www.netflix.com/browse', 'netflix'],
    ['https://media.home.example/web/#/home', 'jellyfin'],
    ['http://192.168.1.20:8096/web/index.html#!/details?id=abc', 'jellyfin'],
    ['https://www.imdb.com/chart/top/', 'generic'],
    ['https://notyoutube.com/watch?v=x', 'generic'],
    ['https://www.netflix.com.evil.example/', 'generic'],
  ])('%s → %s', (url, name) => {
    expect(pick(url)).toBe(name);
  });

  it('picks the demo adapter for the demo site when it is registered', () => {
    if (!ADAPTERS.some((a) => a.name === 'demo')) return; // the demo adapter ships separately
    expect(pick('http://localhost:5178/')).toBe('demo');
  });

  it('a local Jellyfin is not taken for the demo site (the demo confirms its marker)', () => {
    const jellyfin = loadFixture(`file://${join(root, 'jellyfin', 'index.ts')}`, 'home.html', 'http://localhost:8096/web/#/home');
    expect(pick('http://localhost:8096/web/#/home', jellyfin)).toBe('jellyfin');
    const demo = loadFixture(`file://${join(root, 'demo', 'index.ts')}`, 'home.html', 'http://localhost:5178/');
    expect(pick('http://localhost:5178/', demo)).toBe('demo');
  });

  it('recognises a self-hosted Jellyfin from the page when the URL says nothing', () => {
    const doc = parseHtml('<html><head><meta name="application-name" content="Jellyfin"></head><body></body></html>', 'https://tv.example/');
    expect(pick('https://tv.example/', doc)).toBe('jellyfin');
    expect(pick('https://tv.example/', parseHtml('<html><body></body></html>', 'https://tv.example/'))).toBe('generic');
  });

  // Every adapter runs on every fixture of every adapter: an invalid selector throws from
  // querySelectorAll, and a foreign page must never make an adapter throw.
  const fixtures = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      try {
        return readdirSync(join(root, d.name, 'fixtures'))
          .filter((f) => f.endsWith('.html'))
          .map((f) => [d.name, f] as const);
      } catch {
        return [];
      }
    });

  it('has fixtures from several adapters to cross-check', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
  });

  it.each(ADAPTERS.map((a) => [a.name, a] as const))('%s: selectors are valid and foreign pages never throw', (_, adapter) => {
    for (const [dir, file] of fixtures) {
      const url = new URL(`https://fixture.example/${dir}/${file}`);
      const doc = loadFixture(`file://${join(root, dir, 'index.ts')}`, file, url.href);
      expect(() => {
        const tiles = adapter.findTiles(doc);
        for (const t of tiles.slice(0, 20)) {
          adapter.readTile(t);
          adapter.readRow(t);
        }
        adapter.findPlayer(doc);
        adapter.readPlaying(doc, url);
        adapter.readSearchQuery(url);
        adapter.findSearchInputs(doc);
      }, `${adapter.name} on ${dir}/${file}`).not.toThrow();
    }
  });
});

describe('a named adapter whose markup no longer matches', () => {
  const generic = ADAPTERS.find((a) => a.name === 'generic') as (typeof ADAPTERS)[number];
  const titles = (a: (typeof ADAPTERS)[number], doc: Document) => a.findTiles(doc).map((t) => a.readTile(t)?.title ?? null);

  it('falls back to the generic rules on a page where it finds no tile, and keeps its own site name', () => {
    // A streaming page built another way, served where the Netflix adapter expects its own markup.
    const url = 'https://www.netflix.com/browse';
    const doc = loadFixture(`file://${join(root, 'generic', 'index.ts')}`, 'streaming-rows.html', url);
    const adapter = pickAdapter(new URL(url), doc);
    expect(adapter.name).toBe('netflix');
    const expected = titles(generic, doc);
    expect(expected.length).toBeGreaterThan(5);
    expect(titles(adapter, doc)).toEqual(expected);
    expect(adapter.readRow(adapter.findTiles(doc)[0] as Element)).toBe(generic.readRow(generic.findTiles(doc)[0] as Element));
  });

  it('never adds generic guesses where its own markup matches', () => {
    const url = 'https://www.netflix.com/browse';
    const doc = loadFixture(`file://${join(root, 'netflix', 'index.ts')}`, 'browse.html', url);
    const netflix = ADAPTERS.find((a) => a.name === 'netflix') as (typeof ADAPTERS)[number];
    const adapter = pickAdapter(new URL(url), doc);
    expect(titles(adapter, doc)).toEqual(titles(netflix, doc));
    // Once it has read its tiles, a later part of the page gets no generic guesses either.
    const other = loadFixture(`file://${join(root, 'generic', 'index.ts')}`, 'streaming-rows.html', url);
    expect(adapter.findTiles(other.body)).toEqual(netflix.findTiles(other.body));
    expect(adapter.findTiles(other.body).map((t) => adapter.readTile(t))).not.toContainEqual(expect.objectContaining({ title: 'Squid Game' }));
  });

  it('the demo site and generic pages keep their adapter as it is', () => {
    expect(pickAdapter(new URL('https://www.imdb.com/chart/top/'))).toBe(generic);
  });
});
