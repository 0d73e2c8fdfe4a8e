import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom, seedOf } from '../random';
import { teamDraft } from './interleave';

/** Two rankings over a shared pool of item ids (distinct within each ranking). */
const rankings = fc
  .tuple(fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 20 }), fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 20 }))
  .map(([a, b]) => ({ a, b }));

describe('team-draft interleaving', () => {
  it('takes every item from the ranking of its team, never twice, and keeps the teams within one of each other', () => {
    fc.assert(
      fc.property(rankings, fc.integer({ min: 0, max: 25 }), fc.integer(), ({ a, b }, k, seed) => {
        const { items, teams } = teamDraft(a, b, k, seededRandom(seed));
        expect(items.length).toBe(teams.length);
        expect(items.length).toBe(Math.min(k, new Set([...a, ...b]).size));
        expect(new Set(items).size).toBe(items.length);
        items.forEach((x, j) => {
          expect((teams[j] === 0 ? a : b).includes(x)).toBe(true);
        });
        // While both rankings still had unused items, sizes never drift apart by more than one.
        const sizes = [0, 0];
        items.forEach((_, j) => {
          sizes[teams[j] as number] = (sizes[teams[j] as number] as number) + 1;
          const used = new Set(items.slice(0, j + 1));
          const bothLeft = a.some((x) => !used.has(x)) && b.some((x) => !used.has(x));
          if (bothLeft) expect(Math.abs((sizes[0] as number) - (sizes[1] as number))).toBeLessThanOrEqual(1);
        });
      }),
    );
  });

  it('gives each team its best item not yet shown: the picks of a team, with what was shown before, cover a prefix of its ranking', () => {
    fc.assert(
      fc.property(rankings, fc.integer({ min: 0, max: 25 }), fc.integer(), ({ a, b }, k, seed) => {
        const { items, teams } = teamDraft(a, b, k, seededRandom(seed));
        items.forEach((x, j) => {
          const ranking = teams[j] === 0 ? a : b;
          const before = new Set(items.slice(0, j));
          // Everything its team ranks above x was already in the list.
          for (const y of ranking.slice(0, ranking.indexOf(x))) expect(before.has(y)).toBe(true);
          // So the list up to here holds a prefix of that ranking, x being its last new element.
          const prefix = ranking.slice(0, ranking.indexOf(x) + 1);
          expect(prefix.every((y) => before.has(y) || y === x)).toBe(true);
        });
        // And a team's picks appear in its own ranking's order.
        for (const t of [0, 1] as const) {
          const ranking = t === 0 ? a : b;
          const mine = items.filter((_, j) => teams[j] === t).map((x) => ranking.indexOf(x));
          expect(mine).toEqual([...mine].sort((p, q) => p - q));
        }
      }),
    );
  });

  it('is the ranking itself when both rankings agree, and deterministic for a seed', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer(), { maxLength: 15 }), fc.integer(), (a, seed) => {
        expect(teamDraft(a, [...a], 10, seededRandom(seed)).items).toEqual(a.slice(0, 10));
        expect(teamDraft(a, [...a].reverse(), 10, seededRandom(seed))).toEqual(teamDraft(a, [...a].reverse(), 10, seededRandom(seed)));
      }),
    );
  });

  it('lets the coin decide who picks first in each round, about half the time each', () => {
    const a = ['a1', 'a2', 'a3', 'a4'];
    const b = ['b1', 'b2', 'b3', 'b4'];
    let aFirst = 0;
    for (let s = 0; s < 400; s++) {
      const { teams } = teamDraft(a, b, 8, seededRandom(seedOf(`panel|${s}`)));
      // Each round of two holds one pick of each team.
      for (let r = 0; r < 8; r += 2) expect(new Set([teams[r], teams[r + 1]])).toEqual(new Set([0, 1]));
      if (teams[0] === 0) aFirst++;
    }
    expect(aFirst).toBeGreaterThan(150);
    expect(aFirst).toBeLessThan(250);
  });

  it('lets one team fill the list when the other runs out', () => {
    const { items, teams } = teamDraft(['x'], ['y', 'z', 'w'], 4, seededRandom(1));
    expect(new Set(items)).toEqual(new Set(['x', 'y', 'z', 'w']));
    expect(teams.filter((t) => t === 1)).toHaveLength(3);
  });
});

describe('seeds', () => {
  it('are stable for the same text and differ for different texts', () => {
    expect(seedOf('exp|demo.test|2025-06-06')).toBe(seedOf('exp|demo.test|2025-06-06'));
    expect(seedOf('exp|demo.test|2025-06-06')).not.toBe(seedOf('exp|demo.test|2025-06-07'));
    const r1 = seededRandom(7);
    const r2 = seededRandom(7);
    const xs = Array.from({ length: 5 }, () => r1());
    expect(xs).toEqual(Array.from({ length: 5 }, () => r2()));
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});
