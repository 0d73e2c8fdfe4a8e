// @vitest-environment happy-dom
/**
 * What plays on the watch pages of services without a named adapter, read by the generic
 * adapter the way those apps build their player routes: no JSON-LD, Open Graph left over from
 * the landing page, a document title that is only the service's name (or "Watch X | Service",
 * "Service: X - Season 1", "Service | Watch X"), and the title drawn only in the player's
 * overlay, its episode in a line below. A user expects the series or film, never the service's
 * name, a landing page's slogan or the next episode's card; and no title at all over a wrong one.
 */
import { describe, expect, it } from 'vitest';
import { loadFixture, parseHtml } from '../../../test/support/load-fixture';
import { hostBrandKeys, isBrandName } from '../shared/brand';
import { genericAdapter as g } from './index';
import { titleOfPageText } from './playing';

const read = (name: string, href: string) => {
  const doc = loadFixture(import.meta.url, name, href);
  return { doc, playing: () => g.readPlaying(doc, new URL(href)) };
};

/** What a wrong reading of these pages says: the service, its slogan, a call to action. */
const NOT_TITLES = /^(?:prime video|disney\+|max|hulu|paramount\+|peacock|tubi|plex|home|watch now|up next)$|stream|movies|tv shows/i;

describe('watch pages of services without an adapter', () => {
  it('Prime Video-like: the overlay names the series; not "Watch The Boys - Season 1", not the next episode', () => {
    const { doc, playing } = read(
      'watch-prime-video.html',
      'https://www.primevideo.com/detail/0KRGHGZCHKS920ZQGY5LBRF7MA/ref=atv_dp_pb_core?autoplay=1',
    );
    expect(g.findPlayer(doc)).not.toBeNull();
    const p = playing();
    expect(p).toMatchObject({ title: 'The Boys', kind: 'episode' });
    expect(p?.description).toMatch(/Get Some/);
    expect(p?.description).not.toMatch(/Female of the Species/);
  });

  it('Disney+-like: document title "Disney+" and the landing page\'s og:title; the overlay names the series and episode', () => {
    const { playing } = read('watch-disney-plus.html', 'https://www.disneyplus.com/play/7a3e5b1c-2f4d-4e8a-9b6c-1d2e3f4a5b6c');
    expect(playing()).toMatchObject({ title: 'The Mandalorian', kind: 'episode', description: 'S2:E4 Chapter 12: The Siege' });
  });

  it('Disney+-like with the overlay not drawn: no title rather than "Disney+" or its slogan', () => {
    const { doc, playing } = read('watch-disney-plus.html', 'https://www.disneyplus.com/play/7a3e5b1c-2f4d-4e8a-9b6c-1d2e3f4a5b6c');
    doc.querySelector('.btm-media-overlays-container')!.remove();
    expect(playing()).toBeNull();
  });

  it('Disney+-like: a hidden up-next card is not what plays', () => {
    const { doc, playing } = read('watch-disney-plus.html', 'https://www.disneyplus.com/play/7a3e5b1c-2f4d-4e8a-9b6c-1d2e3f4a5b6c');
    doc.querySelector('.title-bug-area')!.remove();
    expect(playing()?.title).not.toBe('Chapter 13: The Jedi');
    expect(playing()).toBeNull();
  });

  it('Max-like: a film named by the overlay test id; not "Max", not the up-next title', () => {
    const { playing } = read(
      'watch-max.html',
      'https://play.max.com/video/watch/6b2e7c8a-1f3d-4b5e-9a7c-2d4e6f8a0b1c/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
    );
    const p = playing();
    expect(p).toMatchObject({ title: 'Dune: Part Two' });
    expect(p?.kind).not.toBe('episode');
  });

  it('Max-like with no overlay: no title rather than "Max | Stream HBO, TV, Movies & More"', () => {
    const { doc, playing } = read(
      'watch-max.html',
      'https://play.max.com/video/watch/6b2e7c8a-1f3d-4b5e-9a7c-2d4e6f8a0b1c/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
    );
    doc.querySelector('[data-testid="player-ux-overlay"]')!.remove();
    expect(playing()).toBeNull();
  });

  it("Hulu-like: the overlay names the series and episode; a next episode's end card is not read", () => {
    const { playing } = read('watch-hulu.html', 'https://www.hulu.com/watch/1e0c7bd4-3a42-49c9-8d35-cf61d8e4b4a3');
    expect(playing()).toMatchObject({ title: 'The Bear', kind: 'episode', description: 'S3 E7 · Napkins' });
  });

  it('Hulu-like without the overlay: "Hulu | Watch The Bear" names The Bear, not Hulu', () => {
    const { doc, playing } = read('watch-hulu.html', 'https://www.hulu.com/watch/1e0c7bd4-3a42-49c9-8d35-cf61d8e4b4a3');
    doc.querySelector('.PlayerMetadata')!.remove();
    expect(playing()?.title).toBe('The Bear');
  });

  it('Paramount+-like: JSON-LD names the episode only "Episode 4": the series it is part of is the title', () => {
    const href = 'https://www.paramountplus.com/shows/video/Ue6Hb3lX4Q0t8uBWrw3A9mZ0yjFzMJhL/';
    const { playing } = read('watch-paramount-plus.html', href);
    expect(playing()).toMatchObject({ title: 'Tulsa King', kind: 'episode' });
  });

  it("Peacock-like: the player region's label names the film, its metadata line the year", () => {
    const href = 'https://www.peacocktv.com/watch/playback/vod/GMO_00000000224150_02_HDSDR/3c1f5e8a-0d2b-4b6c-a7e9-5f1d3b2a4c6e';
    const { playing } = read('watch-peacock.html', href);
    expect(playing()).toMatchObject({ title: 'Oppenheimer', year: 2023 });
    expect(playing()?.kind).not.toBe('episode');
  });

  it('Peacock-like with a label that names no title: nothing, not "Peacock" or its slogan', () => {
    const href = 'https://www.peacocktv.com/watch/playback/vod/GMO_00000000224150_02_HDSDR/3c1f5e8a-0d2b-4b6c-a7e9-5f1d3b2a4c6e';
    const { doc, playing } = read('watch-peacock.html', href);
    doc.querySelector('.video-player-component')!.setAttribute('aria-label', 'Video player');
    expect(playing()).toBeNull();
  });

  it('Tubi-like: hashed classes, headings in the player; "Watch X S01:E03 - Free TV Shows | Tubi" is not the title', () => {
    const { playing } = read('watch-tubi.html', 'https://tubitv.com/tv-shows/300003729/s01-e03-day-3');
    expect(playing()).toMatchObject({ title: "Hell's Kitchen", kind: 'episode' });
  });

  it('Tubi-like without the overlay: the document title still names the series', () => {
    const { doc, playing } = read('watch-tubi.html', 'https://tubitv.com/tv-shows/300003729/s01-e03-day-3');
    doc.querySelector('._3lfBh')!.remove();
    expect(playing()).toMatchObject({ title: "Hell's Kitchen", kind: 'episode' });
  });

  it('Plex-like: the player bar names the series (a link) and the episode; document title "Plex"', () => {
    const { playing } = read('watch-plex.html', 'https://app.plex.tv/desktop/#!/server/8f2a/details?key=%2Flibrary%2Fmetadata%2F4521');
    expect(playing()).toMatchObject({ title: 'Severance', kind: 'episode', description: 'S1 · E1 — Good News About Hell' });
  });

  it('none of them reads as the service, its slogan or a call to action', () => {
    const pages: [string, string][] = [
      ['watch-prime-video.html', 'https://www.primevideo.com/detail/0KRGHGZCHKS920ZQGY5LBRF7MA/ref=atv_dp_pb_core?autoplay=1'],
      ['watch-disney-plus.html', 'https://www.disneyplus.com/play/7a3e5b1c'],
      ['watch-max.html', 'https://play.max.com/video/watch/6b2e7c8a/0f1e2d3c'],
      ['watch-hulu.html', 'https://www.hulu.com/watch/1e0c7bd4'],
      ['watch-paramount-plus.html', 'https://www.paramountplus.com/shows/video/Ue6Hb3lX4Q0t8uBWrw3A9mZ0yjFzMJhL/'],
      ['watch-peacock.html', 'https://www.peacocktv.com/watch/playback/vod/GMO_1/3c1f5e8a'],
      ['watch-tubi.html', 'https://tubitv.com/tv-shows/300003729/s01-e03-day-3'],
      ['watch-plex.html', 'https://app.plex.tv/desktop/#!/server/8f2a/details?key=%2Flibrary%2Fmetadata%2F4521'],
    ];
    for (const [name, href] of pages) {
      const { doc, playing } = read(name, href);
      // With every overlay and label gone, only page metadata is left to say something.
      for (const el of Array.from(doc.querySelectorAll('[class*="title" i], [data-testid*="title" i], h1, h2'))) el.remove();
      for (const el of Array.from(doc.querySelectorAll('[aria-label]'))) el.removeAttribute('aria-label');
      const title = playing()?.title ?? null;
      if (title) expect(title, name).not.toMatch(NOT_TITLES);
    }
  });
});

describe('page metadata that names the site, not a title', () => {
  const page = (head: string, body = '<div class="player"><video></video><div role="slider"></div></div>') =>
    `<html><head>${head}</head><body>${body}</body></html>`;

  it("a document title that is og:site_name, application-name or the host's brand names nothing", () => {
    const cases: [string, string][] = [
      ['<title>Reelhouse</title><meta property="og:site_name" content="Reelhouse">', 'https://watch.reelhouse.example/v/88'],
      ['<title>Streamly+</title>', 'https://www.streamlyplus.example/watch/88'],
      ['<title>Kino TV</title>', 'https://kinotv.example/play/88'],
      ['<title>Orbit</title><meta name="application-name" content="Orbit">', 'https://app.orbit-media.example/watch/88'],
      ['<title>Home - Orbit</title><meta name="application-name" content="Orbit">', 'https://app.orbit-media.example/watch/88'],
    ];
    for (const [head, href] of cases) {
      const doc = parseHtml(page(head), href);
      expect(g.readPlaying(doc, new URL(href)), head).toBeNull();
    }
  });

  it("a landing page's og:title (og:url at the site root) gives way to the document title", () => {
    const href = 'https://www.telly.example/watch/heat-1995';
    const doc = parseHtml(
      page(
        '<title>Watch Heat (1995) | Telly</title><meta property="og:site_name" content="Telly"><meta property="og:url" content="https://www.telly.example/"><meta property="og:title" content="Telly | Free Movies &amp; TV Shows">',
      ),
      href,
    );
    expect(g.readPlaying(doc, new URL(href))).toMatchObject({ title: 'Heat', year: 1995 });
  });

  it('a slogan is not a title, wherever it is written', () => {
    const href = 'https://www.telly.example/watch/88';
    for (const title of [
      'Telly | Stream TV and Movies Live and Online',
      'Watch Movies, TV Shows, Sports and Live TV - Telly',
      'Telly: Free Movies & TV',
    ]) {
      const doc = parseHtml(page(`<title>${title.replace(/&/g, '&amp;')}</title>`), href);
      expect(g.readPlaying(doc, new URL(href)), title).toBeNull();
    }
  });

  it("Open Graph that says it is this page's (og:url is this page) is trusted over an overlay slot", () => {
    const href = 'https://www.telly.example/watch/heat-1995';
    const doc = parseHtml(
      page(
        '<title>Heat (1995) | Telly</title><meta property="og:type" content="video.movie"><meta property="og:url" content="https://www.telly.example/watch/heat-1995"><meta property="og:title" content="Heat">',
        '<div class="player"><video></video><div role="slider"></div><div class="player-title">Collateral</div></div>',
      ),
      href,
    );
    expect(g.readPlaying(doc, new URL(href))).toMatchObject({ title: 'Heat', kind: 'movie' });
  });

  it('an overlay is read fresh: the player moving on to the next episode is seen', () => {
    const href = 'https://www.disneyplus.com/play/7a3e5b1c';
    const { doc } = read('watch-disney-plus.html', href);
    doc.querySelector('.subtitle-field')!.textContent = 'S2:E5 Chapter 13: The Jedi';
    expect(g.readPlaying(doc, new URL(href))?.description).toBe('S2:E5 Chapter 13: The Jedi');
    doc.querySelector('.title-field')!.textContent = 'Andor';
    doc.querySelector('.subtitle-field')!.textContent = 'S1:E1 Kassa';
    expect(g.readPlaying(doc, new URL(href))).toMatchObject({ title: 'Andor', description: 'S1:E1 Kassa' });
  });

  it('an app root that calls itself a player is not a player box: its row headings name nothing', () => {
    const href = 'https://www.telly.example/watch/88';
    const doc = parseHtml(
      page(
        '<title>Telly</title>',
        `<div id="app" class="player-layout"><header><h1>Telly</h1><nav><a href="/">Home</a><a href="/movies">Movies</a></nav></header>
          <div class="player"><video></video><div role="slider"></div></div>
          <section><h2>Because you watched Heat</h2><a href="/watch/1">Ronin</a><a href="/watch/2">Collateral</a></section></div>`,
      ),
      href,
    );
    expect(g.readPlaying(doc, new URL(href))).toBeNull();
  });

  it("a home page's hero trailer with its title over it is no player's title", () => {
    const href = 'https://www.telly.example/';
    const doc = parseHtml(
      page(
        '<title>Telly</title>',
        '<section class="hero-player"><video muted autoplay src="https://cdn.telly.example/heat-trailer.mp4"></video><h2 class="hero-title">Heat</h2><a href="/watch/heat">Play</a></section>',
      ),
      href,
    );
    expect(g.readPlaying(doc, new URL(href))).toBeNull();
  });
});

describe('site names and document titles', () => {
  it("a host's brand is recognised however the service writes its name", () => {
    const cases: [string, string, boolean][] = [
      ['Disney+', 'www.disneyplus.com', true],
      ['Paramount+', 'www.paramountplus.com', true],
      ['Peacock', 'www.peacocktv.com', true],
      ['Tubi', 'tubitv.com', true],
      ['Apple TV+', 'tv.apple.com', true],
      ['Plex', 'app.plex.tv', true],
      ['Max', 'play.max.com', true],
      ['NOW', 'www.nowtv.co.uk', true],
      ['Heat', 'www.telly.example', false],
      ['The Bear', 'www.hulu.com', false],
    ];
    for (const [name, host, want] of cases) expect(isBrandName(name, hostBrandKeys(host)), `${name} on ${host}`).toBe(want);
  });

  it('a document title gives the series and what of it plays; a season word without a separator is part of a name', () => {
    const brands = hostBrandKeys('www.primevideo.com');
    expect(titleOfPageText('Prime Video: The Boys - Season 1', 'Prime Video', brands)).toMatchObject({ title: 'The Boys', kind: 'series' });
    expect(titleOfPageText('Watch Hunting Season 2 | Prime Video', null, brands)).toMatchObject({ title: 'Hunting Season 2', kind: null });
    expect(titleOfPageText('Saturday Night Live - Season 49 - Episode 12', null, brands)).toMatchObject({
      title: 'Saturday Night Live',
      kind: 'episode',
    });
    expect(titleOfPageText('Dune: Part Two | Prime Video', null, brands)).toMatchObject({ title: 'Dune: Part Two' });
    expect(titleOfPageText('Prime Video: Watch movies, TV shows, sports, and live TV', null, brands)).toBeNull();
  });
});

describe('a player component (its video and its title in its own shadow root)', () => {
  /** An app whose player is a custom element drawing everything in an open shadow root. */
  function componentPage() {
    const doc = parseHtml(
      '<html><head><title>Marquee</title></head><body><header><nav><a href="/">Home</a></nav></header><mq-player></mq-player></body></html>',
      'https://marquee.example/#/watch/m42',
    );
    const host = doc.querySelector('mq-player')!;
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML =
      '<div class="stage"><div class="head"><h2 class="title">The Quiet Field</h2><span class="close" role="button">×</span></div><video controls></video></div>';
    return { doc, video: root.querySelector('video') as HTMLVideoElement };
  }

  it('the title it draws names what plays, read from the media the recorder hands over', () => {
    const { doc, video } = componentPage();
    expect(g.readPlaying(doc, new URL('https://marquee.example/#/watch/m42'), video)).toMatchObject({ title: 'The Quiet Field' });
  });

  it("without the media, the document's own tree names nothing (and never the app's name)", () => {
    const { doc } = componentPage();
    expect(g.readPlaying(doc, new URL('https://marquee.example/#/watch/m42'))).toBeNull();
  });
});
