import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { moveArticleToFront, parseTitle, splitKey, titleBase, titleKey, withYearlessKeys, yearsMatch } from './normalize';

describe('parseTitle', () => {
  it('moves a trailing article to the front and reads the year', () => {
    expect(parseTitle('Matrix, The (1999)')).toEqual({ title: 'The Matrix', year: 1999, altTitles: [] });
  });

  it('reads alternate titles in parentheses before the year', () => {
    expect(parseTitle('City of Lost Children, The (Cité des enfants perdus, La) (1995)')).toEqual({
      title: 'The City of Lost Children',
      year: 1995,
      altTitles: ['La Cité des enfants perdus'],
    });
    expect(parseTitle("Amélie (Fabuleux destin d'Amélie Poulain, Le) (2001)")).toEqual({
      title: 'Amélie',
      year: 2001,
      altTitles: ["Le Fabuleux destin d'Amélie Poulain"],
    });
  });

  it('strips a.k.a. from alternates and keeps their order', () => {
    expect(parseTitle('Léon: The Professional (a.k.a. The Professional) (Léon) (1994)')).toEqual({
      title: 'Léon: The Professional',
      year: 1994,
      altTitles: ['The Professional', 'Léon'],
    });
    expect(parseTitle('Seven aka Se7en')).toEqual({ title: 'Seven', year: null, altTitles: ['Se7en'] });
  });

  it('handles elided articles and series year ranges', () => {
    expect(moveArticleToFront("Auberge espagnole, L'")).toBe("L'Auberge espagnole");
    expect(parseTitle('Office, The (2005–2013)')).toEqual({ title: 'The Office', year: 2005, altTitles: [] });
    expect(parseTitle('Misérables, Les (1995)').title).toBe('Les Misérables');
  });

  it('leaves titles without catalogue syntax alone', () => {
    expect(parseTitle('  The   Matrix ')).toEqual({ title: 'The Matrix', year: null, altTitles: [] });
    expect(parseTitle('(500) Days of Summer (2009)')).toEqual({ title: '(500) Days of Summer', year: 2009, altTitles: [] });
    expect(parseTitle('Crash, Bang, Wallop').title).toBe('Crash, Bang, Wallop');
  });
});

describe('titleKey', () => {
  it('gives every spelling of one film the same key', () => {
    const keys = ['Matrix, The (1999)', 'THE MATRIX (1999)', 'the matrix'].map((t) => titleKey(t, 1999));
    expect(new Set(keys)).toEqual(new Set(['matrix|1999']));
    expect(titleKey('The Matrix')).toBe('matrix');
  });

  it('folds accents, case, punctuation and "&"', () => {
    expect(titleKey("Amélie (Fabuleux destin d'Amélie Poulain, Le) (2001)")).toBe('amelie|2001');
    expect(titleKey('AMELIE', 2001)).toBe('amelie|2001');
    expect(titleKey('City of Lost Children, The (Cité des enfants perdus, La) (1995)')).toBe('city of lost children|1995');
    expect(titleKey('Fast & Furious')).toBe(titleKey('Fast and Furious'));
    expect(titleKey('Léon: The Professional')).toBe('leon the professional');
  });

  it('drops foreign leading articles but keeps a title that is only an article', () => {
    expect(titleBase('Les Misérables')).toBe('miserables');
    expect(titleBase('Das Boot')).toBe('boot');
    expect(titleBase('El Topo')).toBe('topo');
    expect(titleBase('The')).toBe('the');
  });

  it('an explicit year wins over one in the string', () => {
    expect(titleKey('Psycho (1960)', 1998)).toBe('psycho|1998');
  });

  it('never returns an empty key', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(titleKey(s).length).toBeGreaterThan(0);
      }),
    );
    expect(titleKey('🎬🎬')).toBe('🎬🎬');
  });
});

describe('yearsMatch', () => {
  it('takes a slack in years where a caller allows one (the same film listed a year apart)', () => {
    expect(yearsMatch(1999, 1999)).toBe(true);
    expect(yearsMatch(1999, 2000)).toBe(false);
    expect(yearsMatch(1999, 2000, 1)).toBe(true);
    expect(yearsMatch(1999, 2001, 1)).toBe(false);
    expect(yearsMatch(null, 2001, 1)).toBe(true);
  });

  it('splits keys into base and year', () => {
    expect(splitKey('matrix|1999')).toEqual({ base: 'matrix', year: 1999 });
    expect(splitKey('matrix')).toEqual({ base: 'matrix', year: null });
  });
});

describe('withYearlessKeys', () => {
  it('lets a name without its year find the one dated title of that name, never one of two', () => {
    const rows = withYearlessKeys(
      new Map([
        ['heat|1995', 0],
        ['solaris|1972', 1],
        ['solaris|2002', 2],
        ['alien', 3],
        ['alien|1979', 4],
      ]),
    );
    expect(rows.get('heat')).toBe(0);
    expect(rows.has('solaris')).toBe(false);
    // A key already without a year keeps its own row.
    expect(rows.get('alien')).toBe(3);
    expect(rows.get('solaris|2002')).toBe(2);
  });
});
