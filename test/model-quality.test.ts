/**
 * Guards the shipped model's quality on the dev split: ml-latest-small users held out of
 * training (test/fixtures/model-dev-users.json), leave-last-out, full ranking, run through
 * the same code as `npx tsx scripts/eval.ts` (ONNX in onnxruntime-web + the engine path,
 * src/rank/rank-history.ts — the function src/engine/engine.ts ranks with). The core
 * (profile.ts + score.ts) is guarded too: the engine path must not fall below it.
 * The recorded figures live in test/fixtures/model-quality.json and MODEL_CARD.md.
 * Data: ../shared/data/movielens/ml-latest-small beside the repo (never copied into it).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate } from '../scripts/eval';
import { easeScores, fitEase, invertSpd } from '../training/ease';
import { parseCsv, readMovies, readRatings, sequences } from '../training/movielens';

const root = fileURLToPath(new URL('../', import.meta.url));
const data = `${root}../shared/data/movielens/ml-latest-small`;
const recorded = JSON.parse(readFileSync(`${root}test/fixtures/model-quality.json`, 'utf8')) as {
  devSplit: { model: { ndcg10: number; hr10: number }; core: { ndcg10: number; hr10: number }; tolerance: number };
};
const dev = JSON.parse(readFileSync(`${root}test/fixtures/model-dev-users.json`, 'utf8')) as { users: number[] };

describe('model quality on the held-out dev users', () => {
  it('has the MovieLens data beside the repo', () => {
    expect(existsSync(`${data}/ratings.csv`), `missing ${data}`).toBe(true);
  });

  it('keeps the engine path\'s NDCG@10 and HR@10 at the recorded figures, not below the core', async () => {
    const r = (await evaluate({
      ratings: `${data}/ratings.csv`,
      movies: `${data}/movies.csv`,
      users: dev.users,
      baselines: false,
      log: () => {},
    })) as { model: { ndcg10: number; hr10: number; path: string }; core: { ndcg10: number; hr10: number }; users: number };
    expect(r.users).toBe(dev.users.length);
    expect(r.model.path).toMatch(/rank-history/);
    const tol = recorded.devSplit.tolerance;
    expect(r.model.ndcg10).toBeGreaterThanOrEqual(recorded.devSplit.model.ndcg10 - tol);
    expect(r.model.hr10).toBeGreaterThanOrEqual(recorded.devSplit.model.hr10 - 2 * tol);
    expect(r.core.ndcg10).toBeGreaterThanOrEqual(recorded.devSplit.core.ndcg10 - tol);
    expect(r.model.ndcg10).toBeGreaterThanOrEqual(r.core.ndcg10);
  }, 120_000);
});

// The evaluation's own readers and baseline (training/movielens.ts, training/ease.ts).
describe('MovieLens readers', () => {
  it('parses quoted commas, doubled quotes and CRLF', () => {
    expect(parseCsv('a,b\r\n1,"x, ""y"""\r\n2,z\n')).toEqual([['a', 'b'], ['1', 'x, "y"'], ['2', 'z']]);
  });

  it('reads ml-latest CSV and ML-1M latin-1 .dat files alike', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-'));
    writeFileSync(join(dir, 'movies.csv'), 'movieId,title,genres\r\n29,"City of Lost Children, The (1995)",Drama|Sci-Fi\r\n');
    writeFileSync(join(dir, 'movies.dat'), Buffer.from("29::Cité, La (1995)::Children's|Drama\n", 'latin1'));
    writeFileSync(join(dir, 'ratings.dat'), '1::29::5::978300760\n1::30::4::978300760\n1::31::3::978300700\n');
    expect(readMovies(join(dir, 'movies.csv'))).toEqual([{ id: 29, title: 'City of Lost Children, The (1995)', genres: ['Drama', 'Sci-Fi'] }]);
    expect(readMovies(join(dir, 'movies.dat'))).toEqual([{ id: 29, title: 'Cité, La (1995)', genres: ["Children's", 'Drama'] }]);
    const seq = sequences(readRatings(join(dir, 'ratings.dat'))).get(1) ?? [];
    // Sorted by time; the two equal timestamps keep file order.
    expect(seq.map((r) => r.item)).toEqual([31, 29, 30]);
  });
});

describe('EASE baseline', () => {
  it('inverts an SPD matrix', () => {
    const a = Float64Array.from([4, 1, 2, 1, 3, 0, 2, 0, 5]);
    const inv = Float64Array.from(a);
    invertSpd(inv, 3);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += (a[i * 3 + k] as number) * (inv[k * 3 + j] as number);
        expect(s).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
  });

  it('scores co-watched items above unrelated ones, with a zero diagonal', () => {
    const b = fitEase([[0, 1], [0, 1], [0, 1], [2, 3]], 4, 0.5);
    expect(b[0]).toBe(0);
    const s = easeScores(b, 4, [0], new Float32Array(4));
    expect(s[1]).toBeGreaterThan(s[2] as number);
    expect(s[1]).toBeGreaterThan(s[3] as number);
  });
});
