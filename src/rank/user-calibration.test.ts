import { describe, expect, it } from 'vitest';
import type { TitleEvent } from './events';
import { MATCH_RULES } from './match';
import { calibrateOnHistory } from './user-calibration';

const blank = (key: string): TitleEvent => ({
  key,
  at: 0,
  weight: 0,
  watch: 0,
  skip: 0,
  impression: 0,
  rating: null,
  maxCompletion: 0,
  rewatch: false,
  sessions: 1,
  strong: false,
  source: 'history',
});
const watched = (key: string): TitleEvent => ({ ...blank(key), weight: 1, watch: 1, maxCompletion: 1, strong: true });
const scrolledPast = (key: string): TitleEvent => ({ ...blank(key), weight: -0.04, impression: -0.04, sessions: 0 });
const abandoned = (key: string): TitleEvent => ({ ...blank(key), weight: -0.5, skip: -0.5 });

/** 6 own titles scoring high, 40 page titles around 0, and their history events. */
function setUp(negative: (key: string) => TitleEvent, negatives: number) {
  const keys = [...Array.from({ length: 6 }, (_, i) => `own${i}`), ...Array.from({ length: 40 }, (_, i) => `page${i}`)];
  const base = Float32Array.from(keys, (k, i) => (k.startsWith('own') ? 2 + i * 0.01 : (i % 10) * 0.05));
  const history = new Map<string, TitleEvent>([
    ...keys.slice(0, 6).map((k) => [k, watched(k)] as const),
    ...keys.slice(6, 6 + negatives).map((k) => [k, negative(k)] as const),
  ]);
  return calibrateOnHistory(keys, history, base);
}

describe('calibrateOnHistory', () => {
  it('does not take titles only scrolled past as negative labels: the prior mapping stays', () => {
    const cal = setUp(scrolledPast, 40);
    expect(cal.fitted).toBe(false);
    expect(cal.a).toBe(MATCH_RULES.priorA);
    expect(cal.b).toBe(MATCH_RULES.priorB);
    // Every page title is in the reference set.
    expect(cal.n).toBe(40);
  });

  it('fits on explicit negatives (titles abandoned) once there are enough of them', () => {
    expect(setUp(abandoned, MATCH_RULES.minLabels - 1).fitted).toBe(false);
    expect(setUp(abandoned, MATCH_RULES.minLabels).fitted).toBe(true);
  });
});
