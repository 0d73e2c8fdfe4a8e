import { describe, expect, it } from 'vitest';
import {
  addToTotals,
  CREDIT_RULES,
  CREDIT_WINDOW_MS,
  creditImpressions,
  emptyTotals,
  signTest,
  verdict,
  type ShownImpression,
  type Totals,
} from './credit';

const H = 3_600_000;
const T0 = Date.UTC(2025, 5, 1, 20);
const panel = (at: number, picks: [string, 'baseline' | 'candidate'][]): ShownImpression => ({
  at,
  picks: picks.map(([titleKey, team]) => ({ titleKey, team })),
});
const names = { baseline: 'today’s ranking', candidate: 'long-term taste' };

describe('credit assignment', () => {
  it('credits a start after the showing to the team that placed the pick, once per pick', () => {
    const imps = [
      panel(T0, [
        ['a', 'baseline'],
        ['b', 'candidate'],
        ['c', 'baseline'],
      ]),
    ];
    const [t] = creditImpressions(
      imps,
      [
        { titleKey: 'b', startedAt: T0 + H },
        { titleKey: 'b', startedAt: T0 + 2 * H }, // the same pick started again: still one
        { titleKey: 'c', startedAt: T0 - H }, // before the panel showed it: not the panel's doing
        { titleKey: 'z', startedAt: T0 + H }, // never shown
      ],
      [],
    );
    expect(t!.candidate.starts).toBe(1);
    expect(t!.baseline.starts).toBe(0);
  });

  it('credits thumbs up and love, debits thumbs down and not interested', () => {
    const imps = [
      panel(T0, [
        ['a', 'baseline'],
        ['b', 'candidate'],
        ['c', 'candidate'],
        ['d', 'baseline'],
      ]),
    ];
    const [t] = creditImpressions(
      imps,
      [],
      [
        { titleKey: 'a', value: 'up', at: T0 + H },
        { titleKey: 'b', value: 'love', at: T0 + H },
        { titleKey: 'c', value: 'down', at: T0 + H },
        { titleKey: 'd', value: 'not-interested', at: T0 + H },
      ],
    );
    expect(t!.baseline).toEqual({ wins: 0, starts: 0, liked: 1, disliked: 1 });
    expect(t!.candidate).toEqual({ wins: 0, starts: 0, liked: 1, disliked: 1 });
  });

  it('gives an event to the latest showing before it, and none after the window', () => {
    const imps = [panel(T0, [['a', 'baseline']]), panel(T0 + 24 * H, [['a', 'candidate']])];
    const before = creditImpressions(imps, [{ titleKey: 'a', startedAt: T0 + 2 * H }], []);
    expect(before[0]!.baseline.starts).toBe(1);
    expect(before[1]!.candidate.starts).toBe(0);
    const after = creditImpressions(imps, [{ titleKey: 'a', startedAt: T0 + 25 * H }], []);
    expect(after[0]!.baseline.starts).toBe(0);
    expect(after[1]!.candidate.starts).toBe(1);
    const late = creditImpressions(imps, [{ titleKey: 'a', startedAt: T0 + 24 * H + CREDIT_WINDOW_MS + 1 }], []);
    expect(late.every((t) => t.baseline.starts + t.candidate.starts === 0)).toBe(true);
  });

  it('gives a panel to the side with more credit, counts ties only with activity', () => {
    const imps = [
      panel(T0, [
        ['a', 'baseline'],
        ['b', 'candidate'],
      ]), // candidate start → candidate wins
      panel(T0 + 24 * H, [
        ['c', 'baseline'],
        ['d', 'candidate'],
      ]), // a start each → tie
      panel(T0 + 48 * H, [
        ['e', 'baseline'],
        ['f', 'candidate'],
      ]), // nothing → neither
      panel(T0 + 72 * H, [
        ['g', 'baseline'],
        ['h', 'candidate'],
      ]), // baseline start, candidate thumbs down → baseline
    ];
    const per = creditImpressions(
      imps,
      [
        { titleKey: 'b', startedAt: T0 + H },
        { titleKey: 'c', startedAt: T0 + 25 * H },
        { titleKey: 'd', startedAt: T0 + 26 * H },
        { titleKey: 'g', startedAt: T0 + 73 * H },
      ],
      [{ titleKey: 'h', value: 'down', at: T0 + 73 * H }],
    );
    const t = addToTotals(emptyTotals(), per);
    expect(t.impressions).toBe(4);
    expect(t.ties).toBe(1);
    expect(t.teams.baseline).toEqual({ wins: 1, starts: 2, liked: 0, disliked: 0 });
    expect(t.teams.candidate).toEqual({ wins: 1, starts: 2, liked: 0, disliked: 1 });
    // Folding is additive and does not touch its input.
    const again = addToTotals(t, per);
    expect(again.impressions).toBe(8);
    expect(t.impressions).toBe(4);
  });
});

describe('sign test and verdict', () => {
  it('computes the exact two-sided binomial p', () => {
    expect(signTest(0, 0)).toBe(1);
    expect(signTest(5, 5)).toBe(1);
    // P(X ≤ 1 | n = 10) = 11/1024, two-sided 22/1024.
    expect(signTest(9, 1)).toBeCloseTo(22 / 1024, 10);
    expect(signTest(1, 9)).toBeCloseTo(22 / 1024, 10);
    expect(signTest(10, 0)).toBeCloseTo(2 / 1024, 10);
    expect(signTest(600, 400)).toBeLessThan(1e-9);
    expect(signTest(510, 490)).toBeGreaterThan(0.5);
  });

  const totals = (a: number, b: number): Totals => {
    const t = emptyTotals();
    t.impressions = a + b + 3;
    t.teams.baseline.wins = a;
    t.teams.candidate.wins = b;
    return t;
  };

  it('says nothing until enough panels were decided', () => {
    const v = verdict(totals(CREDIT_RULES.minDecided - 1, 0), names);
    expect(v.p).toBeNull();
    expect(v.winner).toBeNull();
    expect(v.text).toMatch(/^Not enough evidence yet/);
  });

  it('names the winner only when the sign test says so', () => {
    const win = verdict(totals(2, 12), names);
    expect(win.winner).toBe('candidate');
    expect(win.p).toBeLessThan(0.05);
    expect(win.text).toMatch(/^Long-term taste is doing better: its picks won 12 of 14/);
    const even = verdict(totals(6, 8), names);
    expect(even.winner).toBeNull();
    expect(even.text).toMatch(/^No clear difference yet/);
  });
});
