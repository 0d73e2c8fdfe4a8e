// @vitest-environment happy-dom
/**
 * The recorder against what real web players do: quality switches that reload the source,
 * players that re-mount their `<video>`, the next episode starting by itself, an ad SDK's
 * mid-roll, ambient hero loops, picture-in-picture, players that never fire `ended`.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeAdapter, fakeVideo, startTestRecorder } from '../../test/support/record-test-utils';
import { findMainMedia } from '../sites/shared/media';
import { REPLACED_PLAY_MS } from './watch-recorder';

function setup(path = '/watch/m1', html = '<h1>Alien</h1>') {
  return startTestRecorder({ path, html, adapter: fakeAdapter({ findPlayer: (doc) => findMainMedia(doc) }) });
}

const click = (el: Element = document.body) => {
  el.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
};
/** happy-dom's events are untrusted; the recorder only takes trusted gestures. */
function trustedClicks() {
  const original = Object.getOwnPropertyDescriptor(Event.prototype, 'isTrusted');
  Object.defineProperty(Event.prototype, 'isTrusted', { get: () => true, configurable: true });
  return () => {
    if (original) Object.defineProperty(Event.prototype, 'isTrusted', original);
    else delete (Event.prototype as { isTrusted?: boolean }).isTrusted;
  };
}

function setVisibility(state: 'hidden' | 'visible') {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
  Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  document.body.innerHTML = '';
});

describe('watch recorder against real players', () => {
  it('a quality switch that reloads the source at the same position is the same watch, not an abandoned one and another', () => {
    const { send, reports } = setup();
    const v = fakeVideo({ duration: 5400 });
    document.body.appendChild(v.el);
    v.play();
    v.run(60);
    v.load(5400, 60); // 1080p: a new source (or a new MediaSource blob:), restored where it was
    v.play();
    v.run(60);
    window.dispatchEvent(new Event('pagehide'));
    expect(new Set(reports().map((r) => r.sessionId))).toEqual(new Set(['s1']));
    const last = reports().at(-1)!;
    expect(last).toMatchObject({ final: true, duration: 5400, seeks: 0, pauses: 0 });
    expect(last.secondsWatched).toBeCloseTo(120, 0);
    expect(last.position).toBeCloseTo(120, 0);
    expect(send.of('skip/record')).toEqual([]);
  });

  it('a recovery that resumes a few seconds back (a segment boundary) is the same watch too', () => {
    const { reports } = setup();
    const v = fakeVideo({ duration: 5400 });
    document.body.appendChild(v.el);
    v.play();
    v.run(200);
    v.load(5400, 194);
    v.play();
    v.run(30);
    window.dispatchEvent(new Event('pagehide'));
    expect(new Set(reports().map((r) => r.sessionId))).toEqual(new Set(['s1']));
    expect(reports().at(-1)!.secondsWatched).toBeCloseTo(230, 0);
  });

  it('the next episode on the same element, the URL changing just after it starts, is a session of its own under its own name', () => {
    const { finals, reports } = setup('/watch/e1', '<h1>Episode 1</h1>');
    const v = fakeVideo({ duration: 1500 });
    document.body.appendChild(v.el);
    v.play();
    v.run(1440); // into the credits; the player moves on without `ended`
    v.load(1480);
    v.play();
    v.run(1);
    history.pushState(null, '', '/watch/e2');
    document.querySelector('h1')!.textContent = 'Episode 2';
    v.run(40);
    window.dispatchEvent(new Event('pagehide'));
    expect(finals().map((r) => [r.sessionId, r.title.siteItemId])).toEqual([
      ['s1', 'e1'],
      ['s2', 'e2'],
    ]);
    expect(finals()[0]!.position / 1500).toBeGreaterThan(0.95);
    expect(
      reports()
        .filter((r) => r.sessionId === 's2')
        .every((r) => r.title.siteItemId === 'e2'),
    ).toBe(true);
    expect(finals()[1]!.secondsWatched).toBeCloseTo(41, 0);
  });

  it('the next episode on the same element, the URL changing just before, is a session of its own', () => {
    const { finals, rec } = setup('/watch/e1', '<h1>Episode 1</h1>');
    const v = fakeVideo({ duration: 1500 });
    document.body.appendChild(v.el);
    v.play();
    v.run(1440);
    history.pushState(null, '', '/watch/e2');
    document.querySelector('h1')!.textContent = 'Episode 2';
    rec.urlChanged(); // still playing the credits: the session goes on
    v.load(1500);
    v.play();
    v.run(20);
    window.dispatchEvent(new Event('pagehide'));
    expect(finals().map((r) => [r.sessionId, r.title.siteItemId])).toEqual([
      ['s1', 'e1'],
      ['s2', 'e2'],
    ]);
  });

  it('a player that re-mounts its <video> (fullscreen, theatre mode) at the same position keeps the session', () => {
    const { send, reports } = setup('/watch/m1', '<h1>Alien</h1><div class="player"></div>');
    const box = document.querySelector('.player')!;
    const a = fakeVideo({ duration: 5400 });
    box.appendChild(a.el);
    a.play();
    a.run(60);
    a.st.paused = true;
    a.el.remove();
    const b = fakeVideo({ duration: 5400 });
    b.st.currentTime = a.st.currentTime;
    box.appendChild(b.el);
    vi.advanceTimersByTime(1_000); // the recorder's player check runs before the new element plays
    b.play();
    b.run(60);
    window.dispatchEvent(new Event('pagehide'));
    expect(new Set(reports().map((r) => r.sessionId))).toEqual(new Set(['s1']));
    expect(reports().at(-1)!.secondsWatched).toBeCloseTo(120, 0);
    expect(send.of('skip/record')).toEqual([]);
  });

  it('a removed player whose place some idle media takes closes its session within REPLACED_PLAY_MS', () => {
    const { finals } = setup('/watch/m1', '<h1>Alien</h1><div class="player"></div>');
    const a = fakeVideo({ duration: 5400 });
    document.querySelector('.player')!.appendChild(a.el);
    a.play();
    a.run(200);
    a.st.paused = true;
    a.el.remove();
    document.body.appendChild(fakeVideo({ duration: 90 }).el); // a trailer, never played
    vi.advanceTimersByTime(REPLACED_PLAY_MS + 2_000);
    expect(finals()).toHaveLength(1);
    expect(finals()[0]!.secondsWatched).toBeCloseTo(200, 0);
  });

  it('a player closed in place (its source removed, the element left) closes its session within REPLACED_PLAY_MS', () => {
    const { finals } = setup('/watch/m1', '<h1>Alien</h1><div class="player"></div>');
    const a = fakeVideo({ duration: 5400 });
    document.querySelector('.player')!.appendChild(a.el);
    a.play();
    a.run(200);
    a.pause();
    Object.assign(a.st, { currentTime: 0, duration: Number.NaN });
    a.fire('emptied'); // removeAttribute('src'); load()
    expect(finals()).toHaveLength(0); // a reload for all it knows yet
    vi.advanceTimersByTime(REPLACED_PLAY_MS + 2_000);
    expect(finals()).toHaveLength(1);
    expect(finals()[0]!.secondsWatched).toBeCloseTo(200, 0);
  });

  it('a player that mounts a new <video> for the next episode starts a new session', () => {
    const { finals } = setup('/watch/e1', '<h1>Episode 1</h1><div class="player"></div>');
    const box = document.querySelector('.player')!;
    const a = fakeVideo({ duration: 1500 });
    box.appendChild(a.el);
    a.play();
    a.run(1490);
    a.st.paused = true;
    a.el.remove();
    history.pushState(null, '', '/watch/e2');
    document.querySelector('h1')!.textContent = 'Episode 2';
    const b = fakeVideo({ duration: 1500 });
    box.appendChild(b.el);
    b.play();
    b.run(30);
    window.dispatchEvent(new Event('pagehide'));
    expect(finals().map((r) => [r.sessionId, r.title.siteItemId])).toEqual([
      ['s1', 'e1'],
      ['s2', 'e2'],
    ]);
  });

  it("an ad SDK's mid-roll pauses the content: that pause is not the user's, and the watch goes on", () => {
    const { reports } = setup('/watch/m1', '<h1>Alien</h1><div class="player"><div class="content"></div><div class="ima-ad-container"></div></div>');
    const content = fakeVideo({ duration: 5400 });
    const ad = fakeVideo({ duration: 20 });
    document.querySelector('.content')!.appendChild(content.el);
    content.play();
    content.run(100);
    content.pause(); // the SDK pauses the content, then plays its own ad
    document.querySelector('.ima-ad-container')!.appendChild(ad.el);
    ad.play();
    ad.run(20);
    ad.end();
    content.play();
    content.run(60);
    window.dispatchEvent(new Event('pagehide'));
    expect(new Set(reports().map((r) => r.sessionId))).toEqual(new Set(['s1']));
    const last = reports().at(-1)!;
    expect(last).toMatchObject({ pauses: 0, duration: 5400 });
    expect(last.secondsWatched).toBeCloseTo(160, 0);
  });

  it("an ad video elsewhere in the page (a sidebar's outstream ad) does not stop the title's count", () => {
    const { reports } = setup(
      '/watch/m1',
      '<h1>Alien</h1><div class="player"><div class="content"></div></div><aside><div><div><div><div><div><div class="ad-slot"></div></div></div></div></div></div></aside>',
    );
    const content = fakeVideo({ duration: 5400 });
    const ad = fakeVideo({ duration: 30, muted: true });
    document.querySelector('.content')!.appendChild(content.el);
    document.querySelector('.ad-slot')!.appendChild(ad.el);
    content.play();
    ad.play();
    for (let i = 0; i < 20; i++) {
      content.run(5);
      ad.run(0.25);
    }
    window.dispatchEvent(new Event('pagehide'));
    expect(reports().at(-1)!.secondsWatched).toBeCloseTo(100, 0);
  });

  it('a pause the user makes is still counted when no ad follows', () => {
    const { reports } = setup('/watch/m1', '<h1>Alien</h1><div class="player"><div class="content"></div><div class="ima-ad-container"></div></div>');
    const content = fakeVideo({ duration: 5400 });
    document.querySelector('.content')!.appendChild(content.el);
    content.play();
    content.run(100);
    content.pause();
    vi.advanceTimersByTime(30_000);
    content.play();
    content.run(10);
    window.dispatchEvent(new Event('pagehide'));
    expect(reports().at(-1)!.pauses).toBe(1);
  });

  it("a muted, looping hero video on a title's page is ambience, never a watch", () => {
    const { send } = setup('/title/m1', '<h1>Alien</h1>');
    const hero = fakeVideo({ duration: 30, muted: true });
    hero.el.loop = true;
    document.body.appendChild(hero.el);
    hero.play();
    for (let i = 0; i < 4; i++) {
      hero.run(29);
      hero.st.currentTime = 0; // looping: back to the start, no `ended`
    }
    window.dispatchEvent(new Event('pagehide'));
    expect(send.of('watch/progress')).toEqual([]);
  });

  it('a muted hero loop does not take the player from the real one that starts muted', () => {
    const restore = trustedClicks();
    try {
      const { reports } = setup('/watch/m1', '<h1>Alien</h1><div class="hero"></div><div class="player"></div>');
      const hero = fakeVideo({ duration: 30, muted: true });
      hero.el.loop = true;
      document.querySelector('.hero')!.appendChild(hero.el);
      hero.play();
      hero.run(2);
      const v = fakeVideo({ duration: 5400, muted: true });
      document.querySelector('.player')!.appendChild(v.el);
      click(v.el);
      v.play(); // the user pressed play; the browser keeps it muted
      for (let i = 0; i < 20; i++) {
        v.run(1);
        hero.run(0.5);
      }
      window.dispatchEvent(new Event('pagehide'));
      expect(reports().length).toBeGreaterThan(0);
      expect(new Set(reports().map((r) => r.duration))).toEqual(new Set([5400]));
      expect(reports().at(-1)).toMatchObject({ final: true, title: { siteItemId: 'm1' } });
      expect(reports().at(-1)!.secondsWatched).toBeGreaterThanOrEqual(19);
    } finally {
      restore();
    }
  });

  it('picture-in-picture while the tab is hidden is still watching', () => {
    const { reports } = setup();
    const v = fakeVideo({ duration: 5400 });
    document.body.appendChild(v.el);
    v.play();
    v.run(10);
    Object.defineProperty(document, 'pictureInPictureElement', { value: v.el, configurable: true });
    v.el.dispatchEvent(new Event('enterpictureinpicture', { bubbles: true }));
    setVisibility('hidden');
    v.run(60);
    Object.defineProperty(document, 'pictureInPictureElement', { value: null, configurable: true });
    v.el.dispatchEvent(new Event('leavepictureinpicture', { bubbles: true }));
    v.run(30); // hidden and no longer in picture-in-picture: not watched
    setVisibility('visible');
    v.run(10);
    window.dispatchEvent(new Event('pagehide'));
    delete (document as { pictureInPictureElement?: unknown }).pictureInPictureElement;
    expect(reports().at(-1)!.secondsWatched).toBeCloseTo(80, 0);
  });

  it('a skip-intro jump is a seek, not watching', () => {
    const { reports } = setup();
    const v = fakeVideo({ duration: 2700 });
    document.body.appendChild(v.el);
    v.play();
    v.run(30);
    v.st.seeking = true;
    v.st.currentTime = 115;
    v.fire('seeking');
    v.st.seeking = false;
    v.fire('timeupdate');
    v.fire('seeked');
    v.run(30);
    window.dispatchEvent(new Event('pagehide'));
    const last = reports().at(-1)!;
    expect(last.secondsWatched).toBeCloseTo(60, 0);
    expect(last.seeks).toBe(1);
  });

  it('a player that stops just short of the end and shows an end card, without `ended`, has completed the title', () => {
    const { reports, send } = setup();
    const v = fakeVideo({ duration: 600 });
    document.body.appendChild(v.el);
    v.play();
    v.run(599.75);
    v.st.paused = true; // stops 0.25 s before the end
    v.fire('pause');
    vi.advanceTimersByTime(20_000);
    window.dispatchEvent(new Event('pagehide'));
    const last = reports().at(-1)!;
    expect(last.position / 600).toBeGreaterThan(0.99);
    expect(last.pauses).toBe(0);
    expect(send.of('skip/record')).toEqual([]);
  });
});
