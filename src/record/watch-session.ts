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
 * - completion: max(furthest position reached while really watching, secondsWatched) ÷
 *   duration, capped at 1; 1 when the media ends during a real watch. Position alone would
 *   reward a seek to the end; watched time alone would punish "continue watching" from the
 *   middle. null when the duration is unknown or infinite (live streams).
 * - pauses: user pauses during a real watch, not the pause the browser fires at the end.
 * - seeks: seeking events during a real watch; a scrub (several within SEEK_COALESCE_MS) is one.
 */

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
/** Scrubbing fires many seeking events; within this window they are one seek. */
export const SEEK_COALESCE_MS = 1_000;
const MAX_SECONDS = 7 * 24 * 3600;

const audible = (m: MediaSample) => !m.muted && m.volume > 0;
const finiteDuration = (d: number) => (Number.isFinite(d) && d > 0 ? Math.min(d, MAX_SECONDS) : null);

export class WatchSession {
  private mode: SessionMode = 'idle';
  private visible: boolean;
  private counting = false;
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

  constructor(opts: { visible: boolean }) {
    this.visible = opts.visible;
  }

  /**
   * Feed one input. Returns 'new-source' when the element switched to other media (emptied or
   * loadstart after playback began): the caller closes this session and starts another.
   */
  feed(input: SessionInput): 'ok' | 'new-source' {
    const m = input.media;
    if (this.endedAt !== null) return 'ok';
    this.account(m, input.at);
    const d = finiteDuration(m.duration);
    if (d !== null) this.duration = d;

    switch (input.type) {
      case 'play':
      case 'playing':
        this.firstPlayAt ??= input.at;
        this.ended = false;
        if (this.mode === 'idle') this.mode = input.gesture || audible(m) ? 'watching' : 'preview';
        else if (this.mode === 'preview' && input.gesture) this.mode = 'watching';
        break;
      case 'volumechange':
        // Unmuting a preview is the user choosing to watch it: it counts from now on.
        if (this.mode === 'preview' && audible(m)) this.mode = 'watching';
        break;
      case 'pause':
        if (this.mode === 'watching' && !this.atEnd(m)) this.pauses++;
        break;
      case 'seeking':
        if (this.mode === 'watching' && input.at - this.lastSeekAt > SEEK_COALESCE_MS) this.seeks++;
        this.lastSeekAt = input.at;
        break;
      case 'ended':
        this.ended = true;
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
        if (this.firstPlayAt !== null) return 'new-source';
        break;
      default:
        break;
    }
    if (this.mode === 'watching' && this.startedAt === null) this.startedAt = input.wall;
    this.counting = this.mode === 'watching' && this.visible && !m.paused && !m.ended && !m.seeking;
    this.lastPos = m.currentTime;
    this.lastAt = input.at;
    this.lastRate = m.playbackRate > 0 ? m.playbackRate : 1;
    return 'ok';
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

  stats(): SessionStats {
    const d = this.duration;
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
    this.watched += delta;
    this.furthest = Math.max(this.furthest, m.currentTime);
  }
}
