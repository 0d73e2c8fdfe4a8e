import { describe, expect, it } from 'vitest';
import { isUnreleased, namesOf, releasedBy, sameFilmAs } from './filters';
import { isBlocked, type CandidateSet } from './recommend';

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

describe('a disliked title under another service’s listing', () => {
  const names = namesOf(['the notebook|2004', 'solaris|1972', 'heat']);

  it('is the same name a year off, or without a year on either side', () => {
    expect(sameFilmAs('the notebook|2004', names)).toBe(true);
    expect(sameFilmAs('the notebook|2005', names)).toBe(true);
    expect(sameFilmAs('the notebook|2003', names)).toBe(true);
    expect(sameFilmAs('the notebook', names)).toBe(true);
    expect(sameFilmAs('heat|1995', names)).toBe(true);
  });

  it('is not a remake years later, nor another name', () => {
    expect(sameFilmAs('solaris|2002', names)).toBe(false);
    expect(sameFilmAs('the notebook|2006', names)).toBe(false);
    expect(sameFilmAs('notebook|2004', names)).toBe(false);
  });

  it('keeps the listing out of discovery rows however far apart the two embeddings are', () => {
    const c: CandidateSet = {
      vectors: Float32Array.from([1, 0, 0, 0, 1, 0]),
      dim: 3,
      popularity: new Float32Array(2),
      keys: ['the notebook|2005', 'solaris|2002'],
    };
    const block = { keys: new Set<string>(), vectors: [Float32Array.from([0, 0, 1])], dislikedNames: names };
    expect(isBlocked(c, 0, block)).toBe(true);
    expect(isBlocked(c, 1, block)).toBe(false);
  });
});
