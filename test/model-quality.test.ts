/**
 * Guards the shipped model's quality on the dev split: ml-latest-small users held out of
 * training (test/fixtures/model-dev-users.json), leave-last-out, full ranking, run through
 * the same code as `npx tsx scripts/eval.ts` (ONNX in onnxruntime-web + src/rank).
 * The recorded figures live in test/fixtures/model-quality.json and MODEL_CARD.md.
 * Data: ../shared/data/movielens/ml-latest-small beside the repo (never copied into it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../scripts/eval';

const root = fileURLToPath(new URL('../', import.meta.url));
const data = `${root}../shared/data/movielens/ml-latest-small`;
const recorded = JSON.parse(readFileSync(`${root}test/fixtures/model-quality.json`, 'utf8')) as {
  devSplit: { model: { ndcg10: number; hr10: number }; tolerance: number };
};
const dev = JSON.parse(readFileSync(`${root}test/fixtures/model-dev-users.json`, 'utf8')) as { users: number[] };

describe('model quality on the held-out dev users', () => {
  it('has the MovieLens data beside the repo', () => {
    expect(existsSync(`${data}/ratings.csv`), `missing ${data}`).toBe(true);
  });

  it('keeps NDCG@10 and HR@10 at the recorded figures', async () => {
    const r = (await evaluate({
      ratings: `${data}/ratings.csv`,
      movies: `${data}/movies.csv`,
      users: dev.users,
      baselines: false,
      log: () => {},
    })) as { model: { ndcg10: number; hr10: number }; users: number };
    expect(r.users).toBe(dev.users.length);
    const tol = recorded.devSplit.tolerance;
    expect(r.model.ndcg10).toBeGreaterThanOrEqual(recorded.devSplit.model.ndcg10 - tol);
    expect(r.model.hr10).toBeGreaterThanOrEqual(recorded.devSplit.model.hr10 - 2 * tol);
  }, 60_000);
});
