import { describe, expect, it } from 'vitest';
import { TitleInput } from '../messages/protocol';
import { LIMITS } from '../store/limits';
import { TitleRecord } from '../store/records';
import { toTitleRecord } from './titles';

// What recording accepts must import back: an export of it is validated by the stored schemas.
describe('a title record composed from the longest input a page may send', () => {
  it('passes the store schema that import checks (site + item id, and the title key, run longer than a page id)', () => {
    const site = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.example`.slice(0, LIMITS.site);
    const input = TitleInput.parse({
      siteItemId: 'i'.repeat(LIMITS.id),
      title: 'ﷺ'.repeat(LIMITS.text), // NFKC turns each of these into 18 characters
      year: 1999,
      kind: 'movie',
      genres: [],
      description: null,
      imageUrl: null,
      url: null,
    });
    const rec = toTitleRecord(site, input, Date.now());
    expect(rec.id.length).toBeGreaterThan(LIMITS.id);
    const parsed = TitleRecord.safeParse(rec);
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
  });
});
