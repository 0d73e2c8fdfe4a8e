import { describe, expect, it } from 'vitest';
import { PLAYER_PAUSE_MS, LET_RUN_SECONDS, RESUME_SLACK_S, WatchSession, type MediaSample, type SessionInput } from './watch-session';

/** A simulated media element driving a WatchSession with realistic event sequences. */
function sim(opts: { duration?: number; muted?: boolean; visible?: boolean; letRun?: boolean } = {}) {
  const media: MediaSample = {
    currentTime: 0,
    duration: opts.duration ?? 3600,
    paused: true,
    ended: false,
    seeking: false,
    muted: opts.muted ?? false,
    volume: 1,
    playbackRate: 1,
  };
  let at = 10_000;
  /** Whether the player shows an ad at the next inputs. */
  const player = { ad: false };
  const session = new WatchSession({ visible: opts.visible ?? true, letRun: opts.letRun });
  const feed = (type: SessionInput['type'], gesture = false) =>
    session.feed({ type, media: { ...media }, at, wall: 1_700_000_000_000 + at, gesture, ad: player.ad });
  return {
    session,
    media,
    player,
    feed,
    /**
     * The element loads other media: an ad's, the title's again, or another title's. As in a
     * browser, `emptied` finds it paused at 0 with no duration.
     */
    load(duration: number, currentTime = 0) {
      Object.assign(media, { paused: true, ended: false, currentTime: 0, duration: Number.NaN });
      const emptied = feed('emptied');
      media.duration = duration;
      media.currentTime = currentTime;
      const loadstart = feed('loadstart');
      return emptied === 'ok' ? loadstart : emptied;
    },
    start(gesture = true) {
      media.paused = false;
      feed('play', gesture);
      feed('playing', gesture);
    },
    /** Plays `seconds` of wall time with timeupdates every 250 ms. */
    play(seconds: number) {
      for (let i = 0; i < seconds * 4; i++) {
        at += 250;
        media.currentTime = Math.min(media.duration, media.currentTime + 0.25 * media.playbackRate);
        feed('timeupdate');
      }
    },
    wait(seconds: number) {
      at += seconds * 1000;
      feed('timeupdate');
    },
    pause() {
      media.paused = true;
      feed('pause');
    },
    seek(to: number) {
      media.seeking = true;
      feed('seeking');
      media.currentTime = to;
      feed('timeupdate');
      media.seeking = false;
      feed('seeked');
    },
    end() {
      media.currentTime = media.duration;
      feed('timeupdate');
      media.paused = true;
      feed('pause');
      media.ended = true;
      feed('ended');
    },
  };
}

describe('WatchSession', () => {
  it('N seconds of play are N ± 1 seconds watched', () => {
    const p = sim();
    p.start();
    p.play(90);
    expect(p.session.stats().secondsWatched).toBeGreaterThanOrEqual(89);
    expect(p.session.stats().secondsWatched).toBeLessThanOrEqual(91);
    expect(p.session.stats().mode).toBe('watching');
    expect(p.session.stats().startedAt).not.toBeNull();
  });

  it('a pause stops the count and is counted once', () => {
    const p = sim();
    p.start();
    p.play(10);
    p.pause();
    p.wait(60);
    p.start();
    p.play(10);
    const s = p.session.stats();
    expect(s.secondsWatched).toBeCloseTo(20, 0);
    expect(s.pauses).toBe(1);
  });

  it('a seek forward is not watched time and counts as one seek', () => {
    const p = sim();
    p.start();
    p.play(10);
    p.seek(1800);
    p.play(10);
    const s = p.session.stats();
    expect(s.secondsWatched).toBeCloseTo(20, 0);
    expect(s.seeks).toBe(1);
    expect(s.furthest).toBeCloseTo(1810, 0);
  });

  it('a jump without seek events is clamped out', () => {
    const p = sim();
    p.start();
    p.play(5);
    p.media.currentTime += 600;
    p.play(5);
    expect(p.session.stats().secondsWatched).toBeCloseTo(10, 0);
  });

  it('time in a hidden tab does not count', () => {
    const p = sim();
    p.start();
    p.play(10);
    p.feed('hidden');
    p.play(30);
    p.feed('visible');
    p.play(10);
    expect(p.session.stats().secondsWatched).toBeCloseTo(20, 0);
  });

  it('a muted autoplay without a gesture is a preview and counts nothing', () => {
    const p = sim({ muted: true });
    p.start(false);
    p.play(30);
    const s = p.session.stats();
    expect(s.mode).toBe('preview');
    expect(s.secondsWatched).toBe(0);
    expect(s.startedAt).toBeNull();
    expect(s.firstPlayAt).not.toBeNull();
  });

  it('unmuting a preview turns it into a real watch from then on', () => {
    const p = sim({ muted: true });
    p.start(false);
    p.play(20);
    p.media.muted = false;
    p.feed('volumechange', true);
    p.play(15);
    const s = p.session.stats();
    expect(s.mode).toBe('watching');
    expect(s.secondsWatched).toBeCloseTo(15, 0);
  });

  describe("muted playback the user lets run on the title's own player (letRun)", () => {
    it('played muted to the end is a finished watch (a 90 s clip, from its start)', () => {
      const p = sim({ muted: true, duration: 90, letRun: true });
      p.start(false);
      p.play(20);
      expect(p.session.stats().mode).toBe('preview'); // not yet: could still be a preview left
      p.play(70);
      p.end();
      const s = p.session.stats();
      expect(s.mode).toBe('watching');
      expect(s.completion).toBe(1);
      expect(s.secondsWatched).toBeCloseTo(90, 0);
      expect(s.startedAt).toBe(1_700_000_000_000 + 10_000);
    });

    it(`becomes a watch after ${LET_RUN_SECONDS} s of muted play, counting the muted part`, () => {
      const p = sim({ muted: true, duration: 5400, letRun: true });
      p.start(false);
      p.play(LET_RUN_SECONDS - 2);
      expect(p.session.stats().mode).toBe('preview');
      p.play(12);
      const s = p.session.stats();
      expect(s.mode).toBe('watching');
      expect(s.secondsWatched).toBeCloseTo(LET_RUN_SECONDS + 10, 0);
    });

    it('muted play in a hidden tab or paused does not run the clock', () => {
      const p = sim({ muted: true, letRun: true, visible: false });
      p.start(false);
      p.play(120);
      expect(p.session.stats().mode).toBe('preview');
      expect(p.session.stats().secondsWatched).toBe(0);
    });

    it('without letRun (a preview on a browse row) it stays a preview however long it runs', () => {
      const p = sim({ muted: true, duration: 90 });
      p.start(false);
      p.play(90);
      p.end();
      expect(p.session.stats().mode).toBe('preview');
      expect(p.session.stats().secondsWatched).toBe(0);
    });
  });

  it('muted playback the user started with a click is a real watch', () => {
    const p = sim({ muted: true });
    p.start(true);
    p.play(10);
    expect(p.session.stats().secondsWatched).toBeCloseTo(10, 0);
  });

  it('ended gives completion 1, and the pause before ended is not a user pause', () => {
    const p = sim({ duration: 60 });
    p.start();
    p.play(30);
    p.seek(55);
    p.play(5);
    p.end();
    const s = p.session.stats();
    expect(s.completion).toBe(1);
    expect(s.ended).toBe(true);
    expect(s.pauses).toBe(0);
  });

  it('completion is the furthest really-watched point, not a seek target', () => {
    const p = sim({ duration: 1000 });
    p.start();
    p.play(100);
    p.seek(900);
    p.pause();
    expect(p.session.stats().completion).toBeCloseTo(0.1, 2);
    const q = sim({ duration: 1000 });
    q.media.currentTime = 500; // "continue watching" from the middle
    q.start();
    q.play(100);
    expect(q.session.stats().completion).toBeCloseTo(0.6, 2);
  });

  it('playback at 2× counts media seconds', () => {
    const p = sim();
    p.start();
    p.media.playbackRate = 2;
    p.feed('ratechange');
    p.play(30);
    expect(p.session.stats().secondsWatched).toBeCloseTo(60, 0);
  });

  it('a source change after playback asks for a new session once the new media plays; the first loadstart does not', () => {
    const p = sim();
    expect(p.feed('loadstart')).toBe('ok');
    p.start();
    p.play(30);
    expect(p.load(1500)).toBe('ok'); // not yet: a reload of the title looks the same until it plays
    p.media.paused = false;
    p.feed('play');
    expect(p.feed('playing')).toBe('new-source');
    expect(p.session.stats()).toMatchObject({ duration: 3600, pauses: 0 });
    expect(p.session.stats().secondsWatched).toBeCloseTo(30, 0);
  });

  it("a preview that is not on the title's own player asks for a new session at once", () => {
    const p = sim({ muted: true });
    p.start(false);
    p.play(5);
    expect(p.feed('emptied')).toBe('new-source');
  });

  describe('a source reloaded in the middle of a watch (quality or audio switch, error recovery)', () => {
    it("resumed where the title was, it is the same session: its reset, seek, pause and play are not the user's", () => {
      const p = sim({ duration: 5400 });
      p.start();
      p.play(300);
      p.feed('pause'); // some players pause around the switch
      expect(p.load(5400.4, 298)).toBe('ok');
      p.seek(298);
      p.media.paused = false;
      p.feed('play');
      expect(p.feed('playing')).toBe('resumed');
      p.play(100);
      const s = p.session.stats();
      expect(s).toMatchObject({ pauses: 0, seeks: 0, duration: 5400.4, mode: 'watching' });
      expect(s.secondsWatched).toBeCloseTo(400, 0);
      expect(s.completion).toBeCloseTo(398 / 5400.4, 3);
    });

    it(`resumed more than ${RESUME_SLACK_S} s away, or with another duration, it is another title`, () => {
      const far = sim({ duration: 5400 });
      far.start();
      far.play(300);
      far.load(5400, 300 - RESUME_SLACK_S - 2);
      far.media.paused = false;
      expect(far.feed('playing')).toBe('new-source');
      const other = sim({ duration: 5400 });
      other.start();
      other.play(300);
      other.load(1300, 300);
      other.media.paused = false;
      expect(other.feed('playing')).toBe('new-source');
    });

    it('a hidden tab during the reload is taken', () => {
      const p = sim({ duration: 5400 });
      p.start();
      p.play(60);
      p.load(5400, 60);
      p.feed('hidden');
      p.media.paused = false;
      expect(p.feed('playing')).toBe('resumed');
      p.play(60);
      expect(p.session.stats().secondsWatched).toBeCloseTo(60, 0);
    });
  });

  it('a pause the player makes for an ad (an ad starts within the window) is not a user pause; one an ad follows later is', () => {
    const p = sim({ duration: 5400 });
    p.start();
    p.play(100);
    p.pause();
    p.wait(1);
    p.player.ad = true; // the ad SDK's own player starts over the content
    p.feed('tick');
    p.wait(20);
    p.player.ad = false;
    p.start(false);
    p.play(10);
    expect(p.session.stats().pauses).toBe(0);
    p.pause();
    p.wait(PLAYER_PAUSE_MS / 1000 + 30); // a "pause ad" shown long after the user paused
    p.player.ad = true;
    p.feed('tick');
    expect(p.session.stats().pauses).toBe(1);
  });

  it("a player's nudge over a buffer gap or its flush after a quality switch (a tiny seek) is not a seek", () => {
    const p = sim();
    p.start();
    p.play(10);
    p.seek(p.media.currentTime + 0.1); // hls.js gap jump
    p.play(10);
    p.seek(p.media.currentTime - 0.0001); // flush after an immediate level switch
    p.play(10);
    const s = p.session.stats();
    expect(s.seeks).toBe(0);
    expect(s.secondsWatched).toBeCloseTo(30, 0);
  });

  it('a stall (waiting, the position stuck) adds nothing, and play after it counts as usual', () => {
    const p = sim();
    p.start();
    p.play(10);
    p.wait(15); // buffering: not paused, the position does not move
    p.play(10);
    expect(p.session.stats().secondsWatched).toBeCloseTo(20, 0);
  });

  it('a duration that keeps growing is a live window: no duration, no completion', () => {
    const p = sim({ duration: 600 });
    p.start();
    for (let i = 0; i < 6; i++) {
      p.play(10);
      p.media.duration += 10; // the event playlist grows; the player sits near the live edge
    }
    p.play(5);
    expect(p.session.stats()).toMatchObject({ duration: null, completion: null });
    expect(p.session.stats().secondsWatched).toBeCloseTo(65, 0);
  });

  it('a pre-roll ad in the same element is not the title: its seconds, duration and end count nothing', () => {
    const p = sim({ duration: 15 });
    p.player.ad = true;
    p.start(true); // the click on the title starts the ad
    p.play(15);
    p.end();
    expect(p.session.stats()).toMatchObject({ mode: 'idle', secondsWatched: 0, duration: null, startedAt: null });
    // The title's own source loads in the same element: the same session, not a new one.
    p.player.ad = false;
    expect(p.load(5400)).toBe('ok');
    p.start(false); // no gesture now: the player goes on by itself, with sound
    p.play(60);
    const s = p.session.stats();
    expect(s).toMatchObject({ mode: 'watching', duration: 5400, ended: false, pauses: 0 });
    expect(s.secondsWatched).toBeCloseTo(60, 0);
    expect(s.completion).toBeCloseTo(60 / 5400, 3);
  });

  it('a mid-roll ad in the same element pauses the count, and the title resumes in the same session', () => {
    const p = sim({ duration: 5400 });
    p.start();
    p.play(100);
    p.player.ad = true;
    expect(p.load(30)).toBe('ok');
    p.start(false);
    p.play(30);
    p.end();
    p.player.ad = false;
    expect(p.load(5400, 100)).toBe('ok');
    p.start(false);
    p.play(60);
    const s = p.session.stats();
    expect(s.secondsWatched).toBeCloseTo(160, 0);
    expect(s).toMatchObject({ duration: 5400, ended: false, pauses: 0 });
    expect(s.completion).toBeCloseTo(160 / 5400, 3);
    // A source change with no ad between is still another title.
    p.load(1200);
    p.media.paused = false;
    expect(p.feed('playing')).toBe('new-source');
  });

  it('a live stream has no duration and no completion', () => {
    const p = sim({ duration: Infinity });
    p.start();
    p.play(10);
    expect(p.session.stats()).toMatchObject({ duration: null, completion: null });
  });

  it('close freezes the session', () => {
    const p = sim();
    p.start();
    p.play(10);
    const s = p.session.close({ media: { ...p.media }, at: 99_999_999, wall: 1_800_000_000_000 });
    expect(s.endedAt).toBe(1_800_000_000_000);
    p.play(10);
    expect(p.session.stats().secondsWatched).toBeCloseTo(10, 0);
    expect(p.session.isClosed).toBe(true);
  });
});
