/**
 * The few seams the recorder is built on: how it talks to the background, how it reads time
 * and how it schedules idle work. All are injected so that tests can drive the recorder with
 * fake clocks and fake messaging, without `browser.*` and without real timers.
 */
import type { ContentMessage, Reply } from '../messages/protocol';
import type { ReplyMap } from '../messages/replies';
import type { EventContext } from '../store/records';

/** Same shape as `send` in `src/messages/send.ts`. */
export type Send = <M extends ContentMessage>(message: M) => Promise<Reply<ReplyMap[M['type']]>>;

export interface Clock {
  /** Wall-clock epoch milliseconds: what is stored (startedAt, context hour/day). */
  now(): number;
  /** Monotonic milliseconds: what durations are measured with (immune to clock changes). */
  mono(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  mono: () => performance.now(),
};

/** What every recorder part gets from the page and the recorder: one shape, not one per part. */
export interface PageEnv {
  doc: Document;
  win: Window;
  signal: AbortSignal;
  send: Send;
  clock: Clock;
  context: () => EventContext;
}

export interface IdleDeadlineLike {
  timeRemaining(): number;
  readonly didTimeout: boolean;
}

/** Runs `cb` when the page is idle; returns a cancel function. */
export type IdleScheduler = (cb: (deadline: IdleDeadlineLike) => void) => () => void;

/** How long a fallback "idle" slice may take where requestIdleCallback is missing (Safari). */
const FALLBACK_SLICE_MS = 8;

/**
 * requestIdleCallback with a timeout (so work still progresses on a page that is never idle,
 * e.g. one animating every frame) and a setTimeout fallback.
 */
export const browserIdleScheduler: IdleScheduler = (cb) => {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(cb, { timeout: 1_000 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(() => {
    const start = performance.now();
    cb({ didTimeout: false, timeRemaining: () => Math.max(0, FALLBACK_SLICE_MS - (performance.now() - start)) });
  }, 16);
  return () => clearTimeout(handle);
};

/**
 * A task posted right away (setTimeout 0), with an idle-like deadline of FALLBACK_SLICE_MS: for
 * work the user is waiting for (the tiles on screen when the page loads), which must not wait
 * for an idle period a loading page may not have for seconds. Still one short slice per task,
 * so the page's input and rendering get their turn in between.
 */
export const browserPromptScheduler: IdleScheduler = (cb) => {
  const handle = setTimeout(() => {
    const start = performance.now();
    cb({ didTimeout: false, timeRemaining: () => Math.max(0, FALLBACK_SLICE_MS - (performance.now() - start)) });
  }, 0);
  return () => clearTimeout(handle);
};

/**
 * A random id (session and search ids). crypto.randomUUID exists only in secure contexts;
 * a user may enable a plain-http site, where getRandomValues still works.
 */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext !== false) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
