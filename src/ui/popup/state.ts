/**
 * The popup's view of "is Tasteful recording here, and if not, why": a pure function that
 * mirrors the background's rule in `src/background/recording-state.ts` (same order of
 * checks), plus the small URL helpers the popup's buttons need.
 */
import type { RecordingState } from '../../messages/replies';
import { DEFAULT_SITE_PATTERNS } from '../../platform/site-patterns';
import type { Settings } from '../../store/settings';

export type PopupRecordingState = RecordingState | 'unsupported';

export interface RecordingInputs {
  /** The tab's site (host without "www."), or null when the tab is not an http(s) page. */
  readonly site: string | null;
  /** Whether the extension holds the host permission for the tab's origin. */
  readonly permission: boolean;
  readonly incognito: boolean;
  readonly settings: Pick<Settings, 'recordingPaused' | 'pausedSites' | 'recordInPrivate'>;
  /** The last write failed for lack of space. */
  readonly storeFull?: boolean;
}

export function recordingState(i: RecordingInputs): PopupRecordingState {
  if (i.site === null) return 'unsupported';
  if (!i.permission) return 'not-enabled';
  if (i.incognito && !i.settings.recordInPrivate) return 'private';
  if (i.settings.recordingPaused) return 'paused';
  if (i.settings.pausedSites.includes(i.site)) return 'site-paused';
  if (i.storeFull) return 'store-full';
  return 'on';
}

/** Shown whenever the store is out of room, whatever tab the popup is opened on. */
export const STORE_FULL_MESSAGE =
  'Recording is paused: there is almost no disk space left for Tasteful. Everything recorded so far is kept; recording resumes by itself once space is freed.';

/** One sentence for the popup. */
export function describeState(state: PopupRecordingState, site: string | null): string {
  const here = site ?? 'this page';
  switch (state) {
    case 'on':
      return `Recording on ${here}. Everything stays on this computer.`;
    case 'not-enabled':
      return `Not recording: Tasteful is not enabled on ${here}.`;
    case 'private':
      return 'Not recording: this is a private window. You can allow it in the dashboard’s settings.';
    case 'paused':
      return 'Not recording: recording is paused everywhere.';
    case 'site-paused':
      return `Not recording: recording is paused on ${here}.`;
    case 'store-full':
      return STORE_FULL_MESSAGE;
    case 'unsupported':
      return 'Tasteful works on web pages (http and https) only.';
  }
}

/** The site of a URL exactly as the background names it (host without "www."), null for non-web pages. */
export { siteOf as siteOfUrl } from '../../background/site-of';

/** The origin the background checks with `permissions.contains` (scheme + host of the tab). */
export { permissionCheckOrigin } from '../../platform/site-patterns';

/** Does a host match pattern (e.g. "*://*.youtube.com/*") cover this URL? */
export function patternMatches(pattern: string, url: string): boolean {
  const m = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme, host] = m as unknown as [string, string, string];
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false; // not a URL: not a page Tasteful can run on
  }
  const proto = u.protocol.slice(0, -1);
  if (proto !== 'http' && proto !== 'https') return false;
  if (scheme !== '*' && scheme !== proto) return false;
  const h = u.hostname.toLowerCase();
  if (host === '*') return true;
  if (host.startsWith('*.')) {
    const base = host.slice(2);
    return h === base || h.endsWith(`.${base}`);
  }
  return h === host;
}

/** Sites granted by the manifest: they cannot be disabled from the popup. */
export function isDefaultSite(url: string, patterns: readonly string[] = DEFAULT_SITE_PATTERNS): boolean {
  return patterns.some((p) => patternMatches(p, url));
}

/** Which buttons the popup offers for a given state. */
export function availableActions(i: RecordingInputs & { readonly url: string | null }): {
  enable: boolean;
  disable: boolean;
  pauseSite: boolean;
  pauseAll: boolean;
} {
  const web = i.site !== null && i.url !== null;
  return {
    enable: web && !i.permission,
    disable: web && i.permission && !isDefaultSite(i.url!),
    pauseSite: web && i.permission,
    pauseAll: true,
  };
}
