import { describe, expect, it } from 'vitest';
import { NOW, impression, session, skip, type T } from '../../test/support/rank-test-utils';
import { titleEvents, type TitleEvent } from './events';
import { MATCH_RULES } from './match';
import { calibrateOnHistory } from './user-calibration';
import { titleKey } from '../titles/normalize';

const own: T[] = Array.from({ length: 6 }, (_, i) => ({ title: `Own Film ${i}`, genres: ['Drama'] }));
const page: T[] = Array.from({ length: 40 }, (_, i) => ({ title: `Page Film ${i}`, genres: ['Comedy'] }));
const keyOf = (t: T): string => titleKey(t.title, t.year ?? null);

/** 6 watched titles scoring high, 40 page titles around 0; `negatives` page titles carry the given records. */
function calibrated(kind: 'scrolled past' | 'abandoned' | 'previewed', negatives: number) {
  const neg = page.slice(0, negatives);
  const events = titleEvents({
    sessions: own.map((t) => session(t)),
    skips: kind === 'scrolled past' ? [] : neg.map((t) => skip(t, kind === 'abandoned' ? 'abandoned' : 'preview')),
    // Impressions of every page title on 3 days (the event rules weigh them −0.04 a day).
    impressions: kind === 'scrolled past' ? neg.flatMap((t) => [0, 1, 2].map((d) => impression(t, d))) : [],
    ratings: [],
    now: NOW,
  });
  const history = new Map<string, TitleEvent>(events.filter((e) => e.source === 'history').map((e) => [e.key, e]));
  const titles = [...own, ...page];
  const keys = titles.map(keyOf);
  const base = Float32Array.from(titles, (t, i) => (own.includes(t) ? 2 + i * 0.01 : (i % 10) * 0.05));
  expect(keys.filter((k) => history.has(k)).length).toBe(own.length + negatives);
  return calibrateOnHistory(keys, history, base);
}

describe('calibrateOnHistory', () => {
  it('does not take titles only scrolled past as negative labels: the prior mapping stays', () => {
    const cal = calibrated('scrolled past', 40);
    expect(cal.fitted).toBe(false);
    expect(cal.a).toBe(MATCH_RULES.priorA);
    expect(cal.b).toBe(MATCH_RULES.priorB);
    // Every page title is in the reference set.
    expect(cal.n).toBe(40);
  });

  it('does not take a preview left once as a negative label either', () => {
    expect(calibrated('previewed', 40).fitted).toBe(false);
  });

  it('fits on explicit negatives (titles abandoned) once there are enough of them', () => {
    expect(calibrated('abandoned', MATCH_RULES.minLabels - 1).fitted).toBe(false);
    expect(calibrated('abandoned', MATCH_RULES.minLabels).fitted).toBe(true);
  });
});
