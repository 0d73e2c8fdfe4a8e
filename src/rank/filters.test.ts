import { describe, expect, it } from 'vitest';
import { isUnreleased, releasedBy } from './filters';

describe('the release-year cut of "what next" rows', () => {
  it('is the current UTC year', () => {
    expect(releasedBy(Date.UTC(2026, 11, 31, 23, 59))).toBe(2026);
    expect(releasedBy(Date.UTC(2027, 0, 1, 0, 0))).toBe(2027);
  });

  it('keeps out only titles of a later year; this year’s and year-less titles stay', () => {
    expect(isUnreleased('dune part three|2027', 2026)).toBe(true);
    expect(isUnreleased('dune part two|2026', 2026)).toBe(false);
    expect(isUnreleased('heat|1995', 2026)).toBe(false);
    expect(isUnreleased('a title without a year', 2026)).toBe(false);
  });
});
