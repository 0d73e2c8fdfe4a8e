// @vitest-environment happy-dom
/**
 * Link-less cards on single-page apps: a click on a card followed by a <video> playing (in
 * place, in a modal, after a hash-route change) is recorded for that card's title, read by the
 * real generic adapter, even when the page's own metadata names only the site.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { genericAdapter } from '../sites/generic';
import { pickPlayingTitle, CLICK_TO_PLAY_MS } from './click-to-play';
import { titleOfSession } from './media-session';
import { fakeVideo, startGenericRecorder, startTestRecorder, tileInfo } from '../../test/support/record-test-utils';

const _ctx = () => ({ hour: 20, weekday: 5, device: 'desktop' as const, site: 'telly.example' });

const CARDS = ['Hey Duggee', 'Peppa Pig', 'My Neighbor Totoro', 'Paddington 2']
  .map(
    (t, i) =>
      `<div class="card" data-id="t${i}" tabindex="0"><img src="https://art.telly.example/${i}.jpg" width="300" height="450" alt=""><h3>${t}</h3></div>`,
  )
  .join('');

async function setup() {
  history.replaceState(null, '', '/#/home');
  document.title = 'Telly';
  document.body.innerHTML = `<main><h2>Because you watched Bluey</h2><div class="rail">${CARDS}</div><div id="stage"></div></main>`;
  const { send, life } = startGenericRecorder('telly.example');
  return { send, life, card: (i: number) => document.querySelectorAll('.card')[i] as HTMLElement };
}

/** The page's click handler: a player opens in #stage (outside the card), the route changes. */
function openPlayer(route: string) {
  history.pushState(null, '', route);
  const video = document.createElement('video');
  document.getElementById('stage')!.appendChild(video);
  return fakeVideo({ el: video, duration: 1200 });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('click on a link-less card, then playback', () => {
  it('is recorded for the clicked card, not for the page title', async () => {
    const { send, life, card } = await setup();
    card(2).click();
    const v = openPlayer('/#/watch/t2');
    v.play();
    v.run(8);
    const progress = send.of('watch/progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.progress.title).toMatchObject({ siteItemId: 'id:t2', title: 'My Neighbor Totoro' });
    life.abort();
  });

  it('a click long before playback says nothing about it', async () => {
    const { send, life, card } = await setup();
    card(1).click();
    vi.advanceTimersByTime(CLICK_TO_PLAY_MS + 1_000);
    const v = openPlayer('/#/watch/t1');
    v.play();
    v.run(8);
    expect(send.of('watch/progress').at(-1)!.progress.title.title).not.toBe('Peppa Pig');
    life.abort();
  });
});

/**
 * The page's media session (what it shows in the system's media controls). happy-dom has no
 * Media Session API: the test gives the window one, as a browser does, and the app sets it.
 */
function setMediaSession(meta: { title: string; artist?: string; album?: string } | null) {
  Object.defineProperty(navigator, 'mediaSession', { value: { metadata: meta }, configurable: true });
}

describe('the media session names what plays', () => {
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'mediaSession');
  });

  /** Plays to the end, then the app moves on by itself to the next title in the same player. */
  function playNext(v: ReturnType<typeof fakeVideo>, next: { title: string; album?: string; artist?: string }, route: string) {
    v.end();
    history.pushState(null, '', route);
    setMediaSession(next);
    v.st.currentTime = 0;
    v.st.ended = false;
    v.fire('emptied');
    v.fire('loadstart');
    v.play();
    v.run(8);
  }

  it('a player that moves on by itself records the next title, joined to its tile, not the card clicked', async () => {
    const { send, life, card } = await setup();
    card(2).click();
    const v = openPlayer('/#/watch/t2');
    setMediaSession({ title: 'My Neighbor Totoro', artist: 'Telly' });
    v.play();
    v.run(8);
    playNext(v, { title: 'Paddington 2' }, '/#/watch/t3');
    const titles = send.of('watch/progress').map((m) => m.progress.title);
    expect(titles[0]).toMatchObject({ siteItemId: 'id:t2', title: 'My Neighbor Totoro' });
    expect(titles.at(-1)).toMatchObject({ siteItemId: 'id:t3', title: 'Paddington 2' });
    life.abort();
  });

  it.each([
    [
      'a title the player decorates with its channel still joins its tile',
      { title: 'Paddington 2 - Telly', artist: 'Telly' },
      { siteItemId: 'id:t3', title: 'Paddington 2' },
    ],
    [
      'a title the page shows no tile of is recorded under its name',
      { title: 'Bluey: The Sign' },
      { siteItemId: 'slug:bluey-the-sign', title: 'Bluey: The Sign' },
    ],
    [
      'an episode named under its series joins the series tile',
      { title: 'Muddy Puddles', album: 'Peppa Pig' },
      { siteItemId: 'id:t1', title: 'Peppa Pig' },
    ],
  ])('%s', async (_name, next, want) => {
    const { send, life, card } = await setup();
    card(0).click();
    const v = openPlayer('/#/watch/t0');
    v.play();
    v.run(8);
    playNext(v, next, '/#/watch/next');
    expect(send.of('watch/progress').at(-1)!.progress.title).toMatchObject(want);
    life.abort();
  });

  it('metadata unchanged since the click is the title before: the card clicked names what plays', async () => {
    const { send, life, card } = await setup();
    setMediaSession({ title: 'Hey Duggee' });
    card(3).click();
    const v = openPlayer('/#/watch/t3');
    v.play();
    v.run(8);
    expect(send.of('watch/progress').at(-1)!.progress.title).toMatchObject({ siteItemId: 'id:t3', title: 'Paddington 2' });
    life.abort();
  });

  it('metadata the previous media was bound under, while other media plays and nothing was clicked, is left over', async () => {
    const { send, life, card } = await setup();
    card(2).click();
    const v = openPlayer('/#/watch/t2');
    v.el.setAttribute('src', 'https://cdn.telly.example/t2.mp4');
    setMediaSession({ title: 'My Neighbor Totoro' });
    v.play();
    v.run(8);
    v.end();
    vi.advanceTimersByTime(CLICK_TO_PLAY_MS + 1_000); // the click is long gone
    document.title = 'Bluey: The Sign | Telly';
    v.el.setAttribute('src', 'https://cdn.telly.example/x9.mp4');
    v.st.currentTime = 0;
    v.st.ended = false;
    v.fire('emptied');
    v.fire('loadstart');
    v.play();
    v.run(8);
    const titles = send.of('watch/progress').map((m) => m.progress.title.title);
    expect(titles[0]).toBe('My Neighbor Totoro');
    expect(titles.at(-1)).toBe('Bluey: The Sign');
    life.abort();
  });

  it('an adapter that reads its page itself is trusted over the media session', async () => {
    setMediaSession({ title: 'Hey Duggee' });
    expect(genericAdapter.guessesPlaying).toBe(true);
    const sure = { ...genericAdapter, guessesPlaying: false };
    const { send, life } = startTestRecorder({ adapter: sure, path: '/#/home', html: '<main><div id="stage"></div></main>' });
    document.title = 'Paddington 2 | Telly';
    const v = openPlayer('/#/watch/t3');
    v.play();
    v.run(8);
    expect(send.of('watch/progress').at(-1)!.progress.title.title).toBe('Paddington 2');
    life.abort();
  });
});

describe('pickPlayingTitle', () => {
  const guess = { guessesPlaying: true };
  const sure = { guessesPlaying: false };
  it('the page and the click agree: the id the page confirms, else the tile the user saw', () => {
    expect(pickPlayingTitle(sure, tileInfo('a', 'Heat'), tileInfo('a', 'Heat'))?.siteItemId).toBe('a');
    expect(pickPlayingTitle(sure, tileInfo('watch/9', 'Heat'), tileInfo('id:9', 'heat'))?.siteItemId).toBe('id:9');
  });
  it('they disagree: a dedicated adapter is trusted, a metadata guess is not', () => {
    expect(pickPlayingTitle(sure, tileInfo('b', 'Ronin'), tileInfo('a', 'Heat'))?.title).toBe('Ronin');
    expect(pickPlayingTitle(guess, tileInfo('slug:telly', 'Telly'), tileInfo('a', 'Heat'))?.title).toBe('Heat');
  });
  it('one side missing: the other', () => {
    expect(pickPlayingTitle(guess, null, tileInfo('a', 'Heat'))?.title).toBe('Heat');
    expect(pickPlayingTitle(guess, tileInfo('b', 'Ronin'), null)?.title).toBe('Ronin');
    expect(pickPlayingTitle(guess, null, null)).toBeNull();
  });
});

describe('titleOfSession', () => {
  const url = 'https://www.telly.example/#/watch/1';
  const session = (title: string, more: { artist?: string; album?: string } = {}) => ({
    title,
    artist: more.artist ?? null,
    album: more.album ?? null,
    imageUrl: null,
  });
  it('joins a title to the page reading or tile of its name', () => {
    expect(titleOfSession(session('Heat'), [null, tileInfo('id:7', 'Heat')], null, url)?.siteItemId).toBe('id:7');
  });
  it('cuts only a last piece that is the site or the channel', () => {
    expect(titleOfSession(session('Heat | Telly'), [tileInfo('id:7', 'Heat')], null, url)?.siteItemId).toBe('id:7');
    expect(titleOfSession(session('Heat - Mann Films', { artist: 'Mann Films' }), [tileInfo('id:7', 'Heat')], null, url)?.siteItemId).toBe('id:7');
    expect(titleOfSession(session('Mission: Impossible - Dead Reckoning'), [tileInfo('id:1', 'Mission: Impossible')], null, url)).toMatchObject({
      siteItemId: 'slug:mission-impossible-dead-reckoning',
      title: 'Mission: Impossible - Dead Reckoning',
    });
  });
  it('an episode number alone names the series; the site alone names nothing', () => {
    expect(titleOfSession(session('Episode 3', { album: 'Severance' }), [], null, url)).toMatchObject({
      siteItemId: 'slug:severance',
      title: 'Severance',
      kind: 'series',
    });
    expect(titleOfSession(session('S1:E2'), [], null, url)).toBeNull();
    expect(titleOfSession(session('Telly'), [], null, url)).toBeNull();
  });
});
