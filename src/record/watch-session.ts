/**
 * One play of one title, as a pure state machine: fed media events (with a snapshot of the
 * media element taken at the event), document visibility changes and a monotonic clock; it
 * keeps what a watch session record needs. No DOM here, so it is tested with plain objects.
 *
 * Definitions (see README.md):
 * - secondsWatched: media time that advanced while playing, visible, not seeking, and not in
 *   a muted-autoplay preview. Media time, not wall time: 60 s at 2× is 120 s watched, and a
 *   stalled or buffering player adds nothing. Seeks add nothing; a jump larger than the
 *   elapsed time allows (a seek without events, a source swap) adds nothing.
 * - preview: playback that started muted (or at volume 0) without a user gesture, the
 *   autoplaying trailers and hover previews. It counts nothing until the user unmutes, from
 *   when on it is a real watch.
 * - let run (`letRun`, the title's own player on its title/watch page): a muted playback the
 *   user lets run is watching — browsers start autoplay muted when sound is not allowed, and
 *   people watch with subtitles. Once LET_RUN_SECONDS of it played (visible, unpaused), or it
 *   reached the end, or the user unmuted it, the session becomes a real watch that counts the
 *   muted part from its start. A muted preview on a browse row never gets `letRun`.
 * - completion: max(furthest position reached while really watching, secondsWatched) ÷
 *   duration, capped at 1; 1 when the media ends during a real watch. Position alone would
 *   reward a seek to the end; watched time alone would punish "continue watching" from the
 *   middle. null when the duration is unknown or infinite (live streams).
 * - pauses: user pauses during a real watch, not the pause the browser fires at the end.
 * - seeks: seeking events during a real watch; a scrub (several within SEEK_COALESCE_MS) is one,
 *   and a move within JUMP_SLACK_S (a player's nudge over a buffer gap) is none.
 * - ads (`SessionInput.ad`): inputs while the player shows an ad change nothing but the clock;
 *   the source the player loads after one is the title's own again, not a new title. A pause
 *   an ad or a reload follows within PLAYER_PAUSE_MS was the player's: not a user pause.
 * - reloads: a real watch whose element loads another source waits to see what plays. Media
 *   of about the same duration that resumes within RESUME_SLACK_S of where the title was is
 *   the title again (a quality or audio switch, a recovery from an error, a re-mounted
 *   element): the session goes on (`resumed`). Anything else is another title (`new-source`).
 * - live: a duration that keeps growing (a live stream with a DVR window, an event playlist)
 *   is no duration: its end is the live edge, not the end of a title.
 */

export type FeedResult = 'ok' | 'new-source' | 'resumed';

export type MediaEventType =
  | 'play'
  | 'playing'
  | 'pause'
  | 'seeking'
  | 'seeked'
  | 'timeupdate'
  | 'ended'
  | 'ratechange'
  | 'volumechange'
  | 'emptied'
  | 'loadstart';

/** What we read off the media element at each input. */
export interface MediaSample {
  currentTime: number;
  duration: number;
  paused: boolean;
  ended: boolean;
  seeking: boolean;
  muted: boolean;
  volume: number;
  playbackRate: number;
}

export interface SessionInput {
  /** A media event, a visibility change, or a periodic 'tick' (progress reports). */
  type: MediaEventType | 'visible' | 'hidden' | 'tick';
  media: MediaSample;
  /** Monotonic ms (performance.now). */
  at: number;
  /** Epoch ms, for startedAt/endedAt. */
  wall: number;
  /** Whether the page had a recent user gesture (click, key) when this happened. */
  gesture?: boolean;
  /** Whether the player was showing an ad (`sites/shared/ads.ts`): nothing of it is the title's. */
  ad?: boolean;
}

export type SessionMode = 'idle' | 'preview' | 'watching';

export interface SessionStats {
  mode: SessionMode;
  /** Seconds of media really watched (see above). */
  secondsWatched: number;
  duration: number | null;
  /** Furthest media position reached while really watching. */
  furthest: number;
  completion: number | null;
  pauses: number;
  seeks: number;
  /** Epoch ms when real watching began (null for a pure preview). */
  startedAt: number | null;
  /** Monotonic ms of the first playback of any kind (the preview clock starts here). */
  firstPlayAt: number | null;
  endedAt: number | null;
  ended: boolean;
}

/** Slack for timeupdate jitter: position may run this much ahead of elapsed time × rate. */
export const JUMP_SLACK_S = 1;
/** A pause this close to the end is the browser's own pause before `ended`. */
export const END_SLACK_S = 0.5;
/**
 * Muted play on the title's own page that ran this long is watching, not a preview: longer
 * than any hover preview or the "preview left at once" window (10 s), short enough that a
 * film watched muted to the end (or a 90 s clip) counts.
 */
export const LET_RUN_SECONDS = 30;
/** Scrubbing fires many seeking events; within this window they are one seek. */
export const SEEK_COALESCE_MS = 1_000;
/**
 * A reloaded source that resumes this close to where the title was is the title again: players
 * restore the exact position after a quality switch, and a recovery may go back to the start
 * of a segment (HLS and DASH segments are 2–10 s).
 */
export const RESUME_SLACK_S = 10;
/** Renditions of one title may differ in duration by a fraction of a segment. */
const SAME_DURATION_SLACK_S = 2;
/** An ad or a reload starting this soon after a pause is what the player paused for. */
export const PLAYER_PAUSE_MS = 5_000;
/** A duration that grew by more than this, twice, is a live stream's window, not a title's length. */
const GROWTH_S = 1;
const MAX_SECONDS = 7 * 24 * 3600;

const audible = (m: MediaSample) => !m.muted && m.volume > 0;
const finiteDuration = (d: number) => (Number.isFinite(d) && d > 0 ? Math.min(d, MAX_SECONDS) : null);

export class WatchSession {
  private mode: SessionMode = 'idle';
  private visible: boolean;
  private readonly letRun: boolean;
  /** What the media time since the previous input counts for. */
  private counting: 'watch' | 'preview' | null = null;
  private previewWatched = 0;
  private previewFurthest = 0;
  private previewStartWall: number | null = null;
  private lastPos: number | null = null;
  private lastAt = 0;
  private lastRate = 1;
  private lastSeekAt = -Infinity;
  private watched = 0;
  private furthest = 0;
  private duration: number | null = null;
  private pauses = 0;
  private seeks = 0;
  private startedAt: number | null = null;
  private firstPlayAt: number | null = null;
  private endedAt: number | null = null;
  private ended = false;
  /** An ad played since the title last did: the source the player loads next is the title's again. */
  private afterAd = false;
  /** Monotonic ms of the last counted pause, while the media stays paused (see PLAYER_PAUSE_MS). */
  private pausedAt: number | null = null;
  /** Where the title was when its element began loading another source (see RESUME_SLACK_S). */
  private reload: { pos: number; duration: number | null } | null = null;
  private growths = 0;
  /** Where the counted seek in progress left from (see 'seeked'). */
  private seekFrom: number | null = null;
  private live = false;

  constructor(opts: { visible: boolean; letRun?: boolean }) {
    this.visible = opts.visible;
    this.letRun = opts.letRun ?? false;
  }

  /**
   * Feed one input. Returns 'new-source' when the element switched to other media (after
   * playback began; for a real watch, once the new media plays elsewhere than the title was):
   * the caller closes this session and starts another. 'resumed' when the media the element
   * reloaded plays on where the title was: the same session goes on.
   */
  feed(input: SessionInput): FeedResult {
    const m = input.media;
    if (this.endedAt !== null) return 'ok';
    this.account(m, input.at);
    if (input.ad) {
      // An ad's playing, duration, end and source changes are not the title's: the session
      // waits, as if the player were paused, and resumes where the title resumes.
      this.afterAd = true;
      this.playerPaused(input.at);
      this.hold(m, input.at);
      return 'ok';
    }
    let result: FeedResult = 'ok';
    if (this.reload) {
      if (input.type === 'visible' || input.type === 'hidden') this.visible = input.type === 'visible';
      // Until the new media plays, its events (the reset to 0, the player's seek back, its
      // play and pause) are the reload's, not the user's.
      if (!(input.type === 'playing' || (input.type === 'timeupdate' && !m.paused && !m.seeking))) {
        this.hold(m, input.at);
        return 'ok';
      }
      if (!this.resumes(this.reload, m)) return 'new-source';
      this.reload = null;
      result = 'resumed';
    }
    this.noteDuration(m.duration);

    switch (input.type) {
      case 'play':
      case 'playing':
        if (input.type === 'playing') this.afterAd = false;
        this.pausedAt = null;
        this.firstPlayAt ??= input.at;
        this.previewStartWall ??= input.wall;
        this.ended = false;
        if (this.mode === 'idle') this.mode = input.gesture || audible(m) ? 'watching' : 'preview';
        else if (this.mode === 'preview' && input.gesture) this.mode = 'watching';
        break;
      case 'volumechange':
        // Unmuting a preview is the user choosing to watch it: it counts from now on (from its
        // start when it is the title's own player, see letRun).
        if (this.mode === 'preview' && audible(m)) this.startWatching();
        break;
      case 'pause':
        if (this.mode === 'watching' && !this.atEnd(m)) {
          this.pauses++;
          this.pausedAt = input.at;
        }
        break;
      case 'seeking':
        if (this.mode === 'watching' && input.at - this.lastSeekAt > SEEK_COALESCE_MS) {
          this.seeks++;
          this.seekFrom = this.lastPos;
        }
        this.lastSeekAt = input.at;
        break;
      case 'seeked':
        // Landed within the slack of where it left: the player's nudge over a buffer gap or its
        // flush after a quality switch (hls.js, Shaka). No one seeks by less than a second.
        if (this.seekFrom !== null && Math.abs(m.currentTime - this.seekFrom) <= JUMP_SLACK_S) this.seeks--;
        this.seekFrom = null;
        break;
      case 'ended':
        this.ended = true;
        if (this.mode === 'preview' && this.letRun) this.startWatching();
        if (this.mode === 'watching' && this.duration !== null) this.furthest = this.duration;
        break;
      case 'visible':
        this.visible = true;
        break;
      case 'hidden':
        this.visible = false;
        break;
      case 'emptied':
      case 'loadstart':
        // Back from an ad that played in this element, the title's own source loads again.
        if (this.firstPlayAt === null || this.afterAd) break;
        if (this.mode === 'watching' || (this.mode === 'preview' && this.letRun)) {
          this.reload = { pos: this.lastPos ?? 0, duration: this.live ? null : this.duration };
          this.playerPaused(input.at);
          this.hold(m, input.at);
          return 'ok';
        }
        return 'new-source';
      default:
        break;
    }
    if (this.mode === 'preview' && this.letRun && this.previewWatched >= LET_RUN_SECONDS) this.startWatching();
    if (this.mode === 'watching' && this.startedAt === null) this.startedAt = input.wall;
    const playing = this.visible && !m.paused && !m.ended && !m.seeking;
    this.counting = !playing ? null : this.mode === 'watching' ? 'watch' : this.mode === 'preview' && this.letRun ? 'preview' : null;
    this.lastPos = m.currentTime;
    this.lastAt = input.at;
    this.lastRate = m.playbackRate > 0 ? m.playbackRate : 1;
    return result;
  }

  /** The pause just before (PLAYER_PAUSE_MS) was the player's, for an ad or a reload: not the user's. */
  private playerPaused(at: number) {
    if (this.pausedAt !== null && at - this.pausedAt <= PLAYER_PAUSE_MS) this.pauses--;
    this.pausedAt = null;
  }

  /** Waits without counting: an ad or a reload has the element, not the title. */
  private hold(m: MediaSample, at: number) {
    this.counting = null;
    this.lastPos = m.currentTime;
    this.lastAt = at;
  }

  /** Whether reloaded media playing at `m` is the title again (RESUME_SLACK_S). */
  private resumes(was: { pos: number; duration: number | null }, m: MediaSample): boolean {
    if (Math.abs(m.currentTime - was.pos) > RESUME_SLACK_S) return false;
    if (Number.isNaN(m.duration)) return true; // not known yet: the position says it
    const d = finiteDuration(m.duration);
    if (d === null || was.duration === null) return d === was.duration;
    return Math.abs(d - was.duration) <= SAME_DURATION_SLACK_S;
  }

  private noteDuration(raw: number) {
    const d = finiteDuration(raw);
    if (d === null || this.live) return;
    if (this.duration !== null && d > this.duration + GROWTH_S && ++this.growths >= 2) {
      this.live = true;
      this.duration = null;
      return;
    }
    this.duration = d;
  }

  /** Account up to `input` and freeze the session (tab closing, title change, navigation). */
  close(input: Omit<SessionInput, 'type'>): SessionStats {
    if (this.endedAt === null) {
      this.feed({ ...input, type: 'tick' });
      this.endedAt = input.wall;
    }
    return this.stats();
  }

  get isClosed(): boolean {
    return this.endedAt !== null;
  }

  /** Waiting to see whether the media the element reloaded is the title again. */
  get reloading(): boolean {
    return this.reload !== null;
  }

  stats(): SessionStats {
    const d = this.live ? null : this.duration;
    let completion: number | null = null;
    if (d !== null) completion = this.ended && this.mode === 'watching' ? 1 : Math.min(1, Math.max(this.furthest, this.watched) / d);
    return {
      mode: this.mode,
      secondsWatched: Math.min(this.watched, MAX_SECONDS),
      duration: d,
      furthest: this.furthest,
      completion,
      pauses: this.pauses,
      seeks: this.seeks,
      startedAt: this.startedAt,
      firstPlayAt: this.firstPlayAt,
      endedAt: this.endedAt,
      ended: this.ended,
    };
  }

  /** Preview → watching; with letRun the muted part so far counts, from its start. */
  private startWatching() {
    if (this.mode !== 'preview') return;
    this.mode = 'watching';
    if (!this.letRun) return;
    this.watched += this.previewWatched;
    this.furthest = Math.max(this.furthest, this.previewFurthest);
    this.startedAt ??= this.previewStartWall;
  }

  private atEnd(m: MediaSample) {
    return m.ended || (Number.isFinite(m.duration) && m.currentTime >= m.duration - END_SLACK_S);
  }

  /** Adds the media time played since the previous input, if it was being watched. */
  private account(m: MediaSample, at: number) {
    if (!this.counting || this.lastPos === null || m.seeking) return;
    const delta = m.currentTime - this.lastPos;
    if (!(delta > 0)) return;
    const elapsed = Math.max(0, at - this.lastAt) / 1000;
    const rate = Math.max(this.lastRate, m.playbackRate > 0 ? m.playbackRate : 1);
    if (delta > elapsed * rate + JUMP_SLACK_S) return; // a jump, not playback
    if (this.counting === 'preview') {
      this.previewWatched += delta;
      this.previewFurthest = Math.max(this.previewFurthest, m.currentTime);
      return;
    }
    this.watched += delta;
    this.furthest = Math.max(this.furthest, m.currentTime);
  }
}
