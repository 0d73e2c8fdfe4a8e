// @vitest-environment happy-dom
/**
 * What history records for a watch on a streaming app the generic adapter reads: a deep link
 * into the player (no click), a player whose overlay is drawn only after playback starts, the
 * page's media session, and an app that goes from a title's details page to its player route by
 * pushState, resetting its document title and Open Graph tags to the landing page's on the way.
 * The title recorded is the series or film, never the service's name; with nothing to name it,
 * nothing is recorded.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeVideo, startGenericRecorder } from '../../test/support/record-test-utils';
import { CLICK_TO_PLAY_MS } from './click-to-play';

const _ctx = () => ({ hour: 21, weekday: 6, device: 'desktop' as const, site: 'streaming.example' });

/** Puts a fixture of `src/sites/generic/fixtures/` in the test's document, at `href`. */
function showFixture(name: string, href: string) {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(href);
  const path = join(dirname(fileURLToPath(import.meta.url)), '../sites/generic/fixtures', name);
  const parsed = new DOMParser().parseFromString(readFileSync(path, 'utf8'), 'text/html');
  document.head.innerHTML = parsed.head.innerHTML;
  document.body.innerHTML = parsed.body.innerHTML;
}

function start() {
  const { send, life, rec } = startGenericRecorder('streaming.example');
  const titles = () => send.of('watch/progress').map((m) => m.progress.title);
  return { life, rec, titles };
}

function setMediaSession(meta: { title: string; artist?: string; album?: string } | null) {
  Object.defineProperty(navigator, 'mediaSession', { value: { metadata: meta }, configurable: true });
}

/** Plays `v` for `seconds` of media time, then the user leaves the page. */
function watchAndLeave(v: ReturnType<typeof fakeVideo>, seconds = 12) {
  v.play();
  v.run(seconds);
  window.dispatchEvent(new Event('pagehide'));
}

const video = () => fakeVideo({ el: document.querySelector('video:not([hidden])') as HTMLVideoElement, duration: 2400 });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
  Reflect.deleteProperty(navigator, 'mediaSession');
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

const DISNEY = 'https://www.disneyplus.com/play/7a3e5b1c-2f4d-4e8a-9b6c-1d2e3f4a5b6c';
const MAX = 'https://play.max.com/video/watch/6b2e7c8a-1f3d-4b5e-9a7c-2d4e6f8a0b1c/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';

describe('a deep link into the player', () => {
  it('the overlay drawn after playback starts names the series; "Disney+" is never recorded', () => {
    showFixture('watch-disney-plus.html', DISNEY);
    const overlay = document.querySelector('.btm-media-overlays-container')!;
    const player = overlay.parentElement!;
    overlay.remove();
    const { life, titles } = start();
    const v = video();
    v.play();
    v.run(10);
    player.appendChild(overlay); // the controls appear when the pointer moves
    v.run(10);
    window.dispatchEvent(new Event('pagehide'));
    expect(titles().length).toBeGreaterThan(0);
    expect(titles().every((t) => t.title === 'The Mandalorian' && t.kind === 'episode')).toBe(true);
    life.abort();
  });

  it('with nothing naming what plays, nothing is recorded rather than "Max"', () => {
    showFixture('watch-max.html', MAX);
    document.querySelector('[data-testid="player-ux-overlay"]')!.remove();
    const { life, titles } = start();
    const v = video();
    watchAndLeave(v, 30);
    expect(titles().map((t) => t.title)).toEqual([]);
    life.abort();
  });
});

describe('a player opened by its address on a page that shows its tile', () => {
  /** An app's home rows with the player open over them, its overlay naming what plays. */
  function appWithPlayer(overlayName: string, tileYear: string) {
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('https://reels.example/app#/watch/r77');
    document.title = 'Reels';
    const card = (id: string, name: string, year: string) =>
      `<div class="card" data-id="${id}"><img src="/p/${id}.jpg" alt="" width="150" height="225"><div class="card__name">${name}</div><div class="card__sub">${year} · Drama</div></div>`;
    document.body.innerHTML = `<div class="stage" data-testid="player"><h2 class="stage__title">${overlayName}</h2><video controls src="/m.webm"></video></div>
      <div class="row"><h3>Trending</h3><div class="row__items">${[
        card('r11', 'Harbour Lights', '2019'),
        card('r77', 'The Quiet Field', tileYear),
        card('r12', 'Paper Moons', '2021'),
        card('r13', 'Glass Orchard', '2018'),
      ].join('')}</div></div>`;
  }
  function recorded(overlayName: string, tileYear: string) {
    appWithPlayer(overlayName, tileYear);
    const { life, titles } = start();
    const v = video();
    watchAndLeave(v);
    life.abort();
    return titles();
  }

  it("records the tile's title, with its id and year, not a second record keyed by the name", () => {
    const titles = recorded('The Quiet Field', '2020');
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.at(-1)).toMatchObject({ siteItemId: 'id:r77', title: 'The Quiet Field', year: 2020 });
  });

  it('a dated overlay does not join a tile of that name dated otherwise (a namesake)', () => {
    const titles = recorded('The Quiet Field (1994)', '2020');
    expect(titles.at(-1)).toMatchObject({ title: 'The Quiet Field', year: 1994 });
    expect(titles.at(-1)?.siteItemId).not.toBe('id:r77');
  });
});

describe("the page's media session", () => {
  function playWithSession(meta: { title: string; artist?: string; album?: string }) {
    showFixture('watch-disney-plus.html', DISNEY);
    document.querySelector('.btm-media-overlays-container')!.remove();
    setMediaSession(meta);
    const { life, titles } = start();
    const v = video();
    watchAndLeave(v);
    life.abort();
    return titles();
  }

  it('an episode code in the title, the series in the album and the service as the artist: the series', () => {
    const titles = playWithSession({ title: 'S2:E4 Chapter 12: The Siege', artist: 'Disney+', album: 'The Mandalorian' });
    expect(titles.length).toBeGreaterThan(0);
    // Named by its album, as "Episode 3" under "Severance" is (click-to-play.test.ts): the series' record.
    expect(titles.at(-1)).toMatchObject({ title: 'The Mandalorian', description: 'S2:E4 Chapter 12: The Siege' });
  });

  it('series and episode in one title ("The Mandalorian - S2:E4 - Chapter 12"): the series', () => {
    const titles = playWithSession({ title: 'The Mandalorian - S2:E4 - Chapter 12: The Siege' });
    expect(titles.at(-1)).toMatchObject({ title: 'The Mandalorian', kind: 'episode' });
  });

  it('the series as the title and the episode as the artist: the series, as an episode', () => {
    const titles = playWithSession({ title: 'The Mandalorian', artist: 'Season 2, Episode 4 · Chapter 12: The Siege' });
    expect(titles.at(-1)).toMatchObject({ title: 'The Mandalorian', kind: 'episode' });
  });

  it('a session naming only the service ("Disney+") names nothing', () => {
    expect(playWithSession({ title: 'Disney+', artist: 'Disney+' }).map((t) => t.title)).toEqual([]);
  });
});

/** A details page as a Max-like app draws it: JSON-LD naming the film, a Play button (no tile). */
function showDetails() {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('https://play.max.com/movie/4f1c2b7e-dune-part-two');
  document.title = 'Dune: Part Two | Max';
  document.head.innerHTML = `<title>Dune: Part Two | Max</title><meta property="og:site_name" content="Max">
    <meta property="og:title" content="Dune: Part Two"><meta property="og:url" content="https://play.max.com/movie/4f1c2b7e-dune-part-two">
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"Movie","name":"Dune: Part Two","datePublished":"2024-03-01","url":"https://play.max.com/movie/4f1c2b7e-dune-part-two"}</script>`;
  document.body.innerHTML = `<div id="root"><main><section class="hero"><h1 class="hero-title">Dune: Part Two</h1>
    <p>2024 · PG-13 · 2h 46m</p><button data-testid="play-button" aria-label="Play Dune: Part Two"><span>Play</span></button></section></main></div>`;
}

/** The app's Play handler: the player route, the landing page's head, a player with no title drawn. */
function openPlayerRoute(keepJsonLd: boolean) {
  history.pushState(null, '', '/video/watch/6b2e7c8a-1f3d-4b5e-9a7c-2d4e6f8a0b1c/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0');
  const ld = document.head.querySelector('script[type="application/ld+json"]');
  document.head.innerHTML = `<title>Max</title><meta property="og:site_name" content="Max"><meta property="og:type" content="website">
    <meta property="og:title" content="Max | Stream HBO, TV, Movies &amp; More"><meta property="og:url" content="https://www.max.com/">`;
  if (keepJsonLd && ld) document.head.appendChild(ld);
  document.body.innerHTML = `<div id="root"><div data-testid="playerContainer" class="PlayerContainer-Fuse-Web-Play__sc-1z1jx3x-0">
    <video></video><div data-testid="player-ux-overlay"><button data-testid="player-ux-play-pause-button" aria-label="Pause"></button>
    <span data-testid="player-ux-time-remaining">2:45:10</span></div></div></div>`;
  return video();
}

describe('from a details page to the player route (pushState)', () => {
  it('the film the details page showed when Play was pressed names what plays', () => {
    showDetails();
    const { life, rec, titles } = start();
    (document.querySelector('[data-testid="play-button"] span') as HTMLElement).click();
    const v = openPlayerRoute(false);
    rec.urlChanged();
    watchAndLeave(v);
    expect(titles().length).toBeGreaterThan(0);
    expect(titles().every((t) => t.title === 'Dune: Part Two' && t.year === 2024)).toBe(true);
    life.abort();
  });

  it('JSON-LD the app leaves in place names it too', () => {
    showDetails();
    const { life, rec, titles } = start();
    (document.querySelector('[data-testid="play-button"]') as HTMLElement).click();
    const v = openPlayerRoute(true);
    rec.urlChanged();
    watchAndLeave(v);
    expect(titles().at(-1)).toMatchObject({ title: 'Dune: Part Two', year: 2024 });
    life.abort();
  });

  it('Play pressed long before playback says nothing about it: no title rather than "Max"', () => {
    showDetails();
    const { life, rec, titles } = start();
    (document.querySelector('[data-testid="play-button"]') as HTMLElement).click();
    vi.advanceTimersByTime(CLICK_TO_PLAY_MS + 1_000);
    const v = openPlayerRoute(false);
    rec.urlChanged();
    watchAndLeave(v);
    expect(titles().map((t) => t.title)).toEqual([]);
    life.abort();
  });

  it('a click that is not Play (a tab, a menu) does not carry the details page over', () => {
    showDetails();
    document.querySelector('main')!.insertAdjacentHTML('beforeend', '<button class="tab">Extras</button>');
    const { life, rec, titles } = start();
    (document.querySelector('button.tab') as HTMLElement).click();
    const v = openPlayerRoute(false);
    rec.urlChanged();
    watchAndLeave(v);
    expect(titles().map((t) => t.title)).toEqual([]);
    life.abort();
  });
});
