import { describe, expect, it } from 'vitest';
import { neighbourIndex } from '../src/rank/neighbours';
import type { Movie } from '../training/movielens';
import { fitNeighbours } from '../training/neighbours';

// Two tastes: films 1–3 are watched together, films 4–6 are watched together; film 7 by all.
const movies: Movie[] = [1, 2, 3, 4, 5, 6, 7].map((id) => ({ id, title: `Film ${id} (200${id})`, genres: ['Drama'] }));
const histories = [...Array.from({ length: 6 }, () => [1, 2, 3, 7]), ...Array.from({ length: 6 }, () => [4, 5, 6, 7]), [1, 2], [5, 6]];

function topNeighbour(file: ReturnType<typeof fitNeighbours>, id: number): string {
  const index = neighbourIndex(file);
  const row = index.rowOf.get(file.keys[id - 1] as string) as number;
  return file.keys[index.rows[row]?.j[0] as number] as string;
}

describe('fitNeighbours', () => {
  for (const [name, options] of [
    ['co-watch cosine', {}],
    ['EASE', { easeLambda: 1 }],
  ] as const) {
    it(`${name}: a title's best neighbour is from its own taste, and the file validates`, () => {
      const f = fitNeighbours(histories, movies, options);
      expect(f.keys).toHaveLength(7);
      expect(['Film 2', 'Film 3'].some((t) => topNeighbour(f, 1).startsWith(t.toLowerCase()))).toBe(true);
      expect(['Film 4', 'Film 6'].some((t) => topNeighbour(f, 5).startsWith(t.toLowerCase()))).toBe(true);
    });
  }

  it('EASE keeps only positive weights (a title never pulls toward the other taste)', () => {
    const index = neighbourIndex(fitNeighbours(histories, movies, { easeLambda: 1 }));
    for (const row of index.rows) for (const w of row.w) expect(w).toBeGreaterThan(0);
    const one = index.rows[0] as { j: Int32Array };
    expect([...one.j]).not.toContain(4);
  });
});
