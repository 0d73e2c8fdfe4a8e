import { beforeEach, describe, expect, it, vi } from 'vitest';

const notes: { where: string; err: unknown }[] = [];
vi.mock('../store/diagnostics', () => ({
  diagnose: (where: string, err: unknown) => notes.push({ where, err }),
}));

const { loadPrior } = await import('./prior-loader');
const { encodeRows } = await import('../rank/prior');

const MODEL = { modelVersion: 'fake-1', dim: 4 };
const unit = (...v: number[]): Float32Array => Float32Array.from(v);
const good = {
  version: 'tasteful-prior-1',
  modelVersion: 'fake-1',
  dim: 4,
  startTitles: 5,
  users: 12,
  minGroup: 5,
  start: encodeRows([unit(1, 0, 0, 0), unit(0, 1, 0, 0)]),
  next: encodeRows([unit(0, 0, 1, 0), unit(0, 0, 0, 1)]),
  keys: ['alien|1979'],
  titles: [[0, 500], []],
};

describe('loading the prior beside the model', () => {
  beforeEach(() => {
    notes.length = 0;
  });

  it('returns the validated prior and logs nothing', async () => {
    const p = await loadPrior('/models/prior.json', MODEL, async () => good);
    expect(p?.groups).toBe(2);
    expect(p?.rowOf.get('alien|1979')).toBe(0);
    expect(notes).toEqual([]);
  });

  it('without a prior in model.json: none, and nothing to log', async () => {
    const fetchJson = vi.fn(async () => good);
    expect(await loadPrior(undefined, MODEL, fetchJson)).toBeNull();
    expect(fetchJson).not.toHaveBeenCalled();
    expect(notes).toEqual([]);
  });

  it('a missing file: ranks without it and says why in the diagnostic log', async () => {
    const p = await loadPrior('/models/prior.json', MODEL, async () => {
      throw new Error('/models/prior.json: 404');
    });
    expect(p).toBeNull();
    expect(notes).toHaveLength(1);
    expect(notes[0]?.where).toBe('engine/prior');
    expect(String(notes[0]?.err)).toContain('404');
  });

  it('a prior made with another encoder of the same version (the probe text embeds elsewhere): refused and logged', async () => {
    const raw = { ...good, probe: { text: 'Alien (1979)', vector: encodeRows([unit(1, 0, 0, 0)]) } };
    const same = await loadPrior(
      '/models/prior.json',
      MODEL,
      async () => raw,
      async () => unit(1, 0, 0, 0),
    );
    expect(same?.probe?.text).toBe('Alien (1979)');
    expect(notes).toEqual([]);
    const other = await loadPrior(
      '/models/prior.json',
      MODEL,
      async () => raw,
      async () => unit(0.6, 0.8, 0, 0),
    );
    expect(other).toBeNull();
    expect(String(notes[0]?.err)).toMatch(/another encoder of fake-1 \(probe cosine 0\.600\)/);
  });

  it.each([
    ['malformed', { ...good, next: 'AAAA' }, /prior:/],
    ['made for another encoder', { ...good, modelVersion: 'tasteful-ml-0' }, /made for tasteful-ml-0/],
    ['not JSON of a prior', 'hello', /not a prior file/],
  ])('a %s file: ranks without it and logs the reason', async (_, raw, why) => {
    expect(await loadPrior('/models/prior.json', MODEL, async () => raw)).toBeNull();
    expect(notes).toHaveLength(1);
    expect(String(notes[0]?.err)).toMatch(why);
  });
});
