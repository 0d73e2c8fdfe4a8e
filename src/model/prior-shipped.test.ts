/**
 * The prior shipped beside the model (models/prior.json) loads against the shipped encoder:
 * the loader's probe check passes with the real ONNX model (a prior retrained for another
 * encoder would be refused), the file is small and holds groups and counts over ≥ 2 users, never single users,
 * and the training catalog's films by name.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { describe, expect, it, vi } from 'vitest';
import { completeTitle } from '../rank/known-titles';
import { Embedder, type ModelManifest } from './embedder';
import { canonicalGenres } from './text';

const notes: unknown[] = [];
vi.mock('../store/diagnostics', () => ({ diagnose: (_: string, err: unknown) => notes.push(err) }));
const { loadPrior } = await import('./prior-loader');

const root = new URL('../../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('models/model.json', root), 'utf8')) as ModelManifest;

describe('shipped short-history prior', () => {
  it('is listed in model.json, under 3 MB, made of groups of ≥ 5 users, and passes the probe with the shipped encoder', async () => {
    expect(manifest.prior).toBe('prior.json');
    const path = new URL(`models/${manifest.prior}`, root);
    expect(statSync(path).size).toBeLessThan(3_000_000);
    // The model files together stay within issue 10's budget (10 MB); the card is not shipped.
    const shipped = readdirSync(new URL('models/', root)).filter((f) => !f.endsWith('.md'));
    expect(shipped.reduce((n, f) => n + statSync(new URL(`models/${f}`, root)).size, 0)).toBeLessThan(10_000_000);
    const raw = JSON.parse(readFileSync(path, 'utf8')) as {
      minGroup: number;
      users: number;
      titles: unknown[];
      probe?: unknown;
      periods?: { counts: number[][]; stages?: { counts: number[][][] }; cowatch?: { pairs: number[][][]; early?: { pairs: number[][][] } } };
    };
    expect(raw.minGroup).toBeGreaterThanOrEqual(5);
    expect(raw.titles.length).toBeLessThanOrEqual(raw.users / raw.minGroup);
    expect(raw.probe).toBeDefined();
    // Period and stage counts: no entry below 2 (a title only when ≥ 2 users of the period rated it).
    const counts = (flat: number[]): number[] => flat.filter((_, i) => i % 2 === 1);
    expect(raw.periods?.stages).toBeDefined();
    const all = [...(raw.periods?.counts ?? []).flatMap(counts), ...(raw.periods?.stages?.counts ?? []).flat().flatMap(counts)];
    expect(all.length).toBeGreaterThan(1000);
    expect(Math.min(...all)).toBeGreaterThanOrEqual(2);
    // Co-watch pairs: users who rated both titles in one period, never fewer than 2.
    const pairs = (raw.periods?.cowatch?.pairs ?? []).flat().flatMap(counts);
    expect(pairs.length).toBeGreaterThan(10_000);
    // The early lists (users' first 20 titles) likewise.
    pairs.push(...(raw.periods?.cowatch?.early?.pairs ?? []).flat().flatMap(counts));
    expect(pairs.length).toBeGreaterThan(200_000);
    expect(pairs.reduce((m, c) => Math.min(m, c), Number.POSITIVE_INFINITY)).toBeGreaterThanOrEqual(2);
    ort.env.wasm.numThreads = 1;
    const bytes = readFileSync(new URL(`models/${manifest.file}`, root));
    const e = await Embedder.create(ort, () => ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] }), manifest);
    try {
      const p = await loadPrior(
        'prior.json',
        manifest,
        async () => raw,
        async (text) => (await e.embed([text])).vectors,
      );
      expect(notes).toEqual([]);
      expect(p?.groups).toBe(raw.titles.length);
      expect(p?.startTitles).toBeGreaterThan(0);
      expect(p?.periods?.periods).toBe(6);
      expect(p?.periods?.stages?.bounds).toEqual([0, 5, 10, 15, 20]);
      expect(p?.periods?.cowatch).toHaveLength(6);
      expect(p?.periods?.cowatchEarly).toHaveLength(6);
      // The training catalog's films: a name alone finds its film's year and genres.
      const known = p?.known ?? null;
      expect(known?.years.length).toBeGreaterThan(9000);
      expect(known?.genres.every((g) => canonicalGenres([g])[0] === g)).toBe(true);
      const bare = (title: string) => completeTitle(known, { title, year: null, genres: [] as string[], kind: 'movie' as const });
      expect(bare('The Matrix')).toMatchObject({ year: 1999, genres: ['Action', 'Sci-Fi', 'Thriller'] });
      expect(bare('Heat').year).toBe(1995);
      expect(bare('Hamlet').year).toBeNull();
      // Other names: the a.k.a. and original titles of the movies file.
      expect(bare('12 Monkeys').year).toBe(1995);
      expect(bare('La Haine').year).toBe(1995);
    } finally {
      await e.release();
    }
  });
});
