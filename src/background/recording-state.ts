/** Decides whether a tab may be recorded right now, and why not. One place, used by every handler. */
import { browser } from 'wxt/browser';
import type { PageState } from '../messages/replies';
import type { TastefulDB } from '../store/db';
import { getSettings } from '../store/settings';
import { permissionCheckOrigin } from '../platform/site-patterns';
import { refreshStoreHealth } from './store-health';

export interface SenderInfo {
  site: string;
  url: string;
  incognito: boolean;
  tabId: number | null;
}

export async function pageState(db: TastefulDB, sender: SenderInfo): Promise<PageState> {
  const settings = await getSettings(db);
  const base = { site: sender.site, badgeMode: settings.badgeMode } as const;
  if (!(await hasSitePermission(sender.url))) return { ...base, recording: 'not-enabled' };
  if (sender.incognito && !settings.recordInPrivate) return { ...base, recording: 'private' };
  if (settings.recordingPaused) return { ...base, recording: 'paused' };
  if (settings.pausedSites.includes(sender.site)) return { ...base, recording: 'site-paused' };
  if (await refreshStoreHealth()) return { ...base, recording: 'store-full' };
  return { ...base, recording: 'on' };
}

async function hasSitePermission(url: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [permissionCheckOrigin(url)] });
  } catch {
    return false; // not a URL the permissions API accepts: Tasteful is not enabled there
  }
}
