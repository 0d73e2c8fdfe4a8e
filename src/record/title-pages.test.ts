// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { fakeAdapter } from '../../test/support/record-test-utils';
import { startTitlePages } from './title-pages';

afterEach(() => history.replaceState(null, '', '/'));

function setup(path: string, adapter = fakeAdapter()) {
  history.replaceState(null, '', path);
  const shown: string[] = [];
  const pages = startTitlePages({ adapter, doc: document, win: window, onTitleShown: (t) => shown.push(t.siteItemId) });
  const go = (p: string) => {
    history.pushState(null, '', p);
    pages.urlChanged();
  };
  return { shown, go };
}

describe('title pages', () => {
  it('names each title page shown, once per visit', () => {
    const { shown, go } = setup('/title/m1');
    go('/title/m1?tab=details');
    go('/');
    go('/title/m2');
    expect(shown).toEqual(['m1', 'm2']);
  });

  it('the same title across URLs (detail → watch) is one visit', () => {
    const { shown, go } = setup('/title/m1');
    go('/watch/m1');
    expect(shown).toEqual(['m1']);
    go('/');
    go('/title/m1');
    expect(shown).toEqual(['m1', 'm1']);
  });

  it('an adapter throwing on odd markup means "no title", not a broken recorder', () => {
    const { shown, go } = setup(
      '/title/m1',
      fakeAdapter({
        readPlaying: () => {
          throw new Error('odd markup');
        },
      }),
    );
    go('/title/m2');
    expect(shown).toEqual([]);
  });
});
