/**
 * Event context (local hour, weekday, device class, site): the recommender learns habits
 * such as "comedies on Friday nights" or "short videos on the phone" from it.
 */
import type { DeviceClass, EventContext } from '../store/records';

/** The bits of the environment the device class is read from, gathered by `readDeviceEnv`. */
export interface DeviceEnv {
  userAgent: string;
  /** navigator.userAgentData?.mobile (Chromium only). */
  uaMobile: boolean | null;
  /** matchMedia('(pointer: coarse)'): the primary pointer is a finger or a remote. */
  coarsePointer: boolean;
  /** The shorter and longer screen side in CSS pixels. */
  screenShort: number;
  screenLong: number;
}

// TV browsers announce themselves in the UA; their pointer is usually "coarse" too.
const TV_UA =
  /smart-?tv|smarttv|tizen|web0s|webos|netcast|hbbtv|bravia|appletv|android tv|googletv|aft[a-z]|crkey|roku|viera|philipstv|vidaa|\btv\b/i;
const TABLET_UA = /ipad|tablet|playbook|silk|kindle|(android(?!.*mobile))/i;
const PHONE_UA = /iphone|ipod|android.*mobile|windows phone|mobile safari|blackberry|opera mini|iemobile/i;

/** Phones have a short side under this (CSS px); tablets are bigger. */
const PHONE_MAX_SHORT_SIDE = 600;

export function deviceClass(env: DeviceEnv): DeviceClass {
  const ua = env.userAgent;
  if (TV_UA.test(ua)) return 'tv';
  // iPadOS claims to be a Mac; a "Mac" with a touch-first pointer is an iPad.
  if (TABLET_UA.test(ua) || (/macintosh/i.test(ua) && env.coarsePointer)) return 'tablet';
  if (env.uaMobile === true || PHONE_UA.test(ua)) {
    return env.screenShort >= PHONE_MAX_SHORT_SIDE ? 'tablet' : 'phone';
  }
  if (env.coarsePointer && env.screenShort > 0) {
    return env.screenShort < PHONE_MAX_SHORT_SIDE ? 'phone' : 'tablet';
  }
  return 'desktop';
}

interface NavigatorWithUaData {
  userAgentData?: { mobile?: boolean };
}

export function readDeviceEnv(win: Window): DeviceEnv {
  const nav = win.navigator as Navigator & NavigatorWithUaData;
  let coarse = false;
  try {
    coarse = typeof win.matchMedia === 'function' && win.matchMedia('(pointer: coarse)').matches;
  } catch {
    coarse = false; // no matchMedia (a detached frame): a fine pointer, the desktop default
  }
  const w = win.screen?.width ?? 0;
  const h = win.screen?.height ?? 0;
  return {
    userAgent: nav.userAgent ?? '',
    uaMobile: typeof nav.userAgentData?.mobile === 'boolean' ? nav.userAgentData.mobile : null,
    coarsePointer: coarse,
    screenShort: Math.min(w, h),
    screenLong: Math.max(w, h),
  };
}

/** A site is the page's host (with port) without a leading "www.", lower-cased. */
export function siteOf(url: URL): string {
  return url.host.toLowerCase().replace(/^www\./, '');
}

export function makeContext(epochMs: number, device: DeviceClass, site: string): EventContext {
  const d = new Date(epochMs);
  return { hour: d.getHours(), weekday: d.getDay(), device, site };
}

/** A context factory bound to this page: the device is read once, the time on every call. */
export function contextFactory(opts: { now: () => number; device: DeviceClass; site: string }): () => EventContext {
  return () => makeContext(opts.now(), opts.device, opts.site);
}
