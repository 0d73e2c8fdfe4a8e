/**
 * A site is enabled exactly when Tasteful holds its host permission: the granted origins
 * are the one list, and the registered content script is reconciled with it on every start
 * and whenever permissions change. So a permission granted any way (the popup, the
 * browser's own UI, a build whose manifest grants it) just works, and a revoked one stops.
 */
import { browser } from 'wxt/browser';

export const CONTENT_SCRIPT_ID = 'tasteful-content';
export const CONTENT_SCRIPT_FILE = '/content-scripts/content.js';

/** Host match patterns Tasteful may run on now, e.g. "*://*.youtube.com/*". */
export async function grantedOrigins(): Promise<string[]> {
  const all = await browser.permissions.getAll();
  return (all.origins ?? []).filter((o) => o !== '<all_urls>' && o !== '*://*/*').sort();
}

export async function reconcileContentScripts(): Promise<string[]> {
  const origins = await grantedOrigins();
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] });
  const current = existing[0]?.matches?.slice().sort() ?? [];
  if (existing.length && sameList(current, origins)) return origins;
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
  if (origins.length) {
    await browser.scripting.registerContentScripts([
      {
        id: CONTENT_SCRIPT_ID,
        js: [CONTENT_SCRIPT_FILE],
        matches: origins,
        runAt: 'document_start',
        allFrames: false,
        persistAcrossSessions: true,
      },
    ]);
  }
  return origins;
}

/** Inject into tabs already open on a newly granted site, so "Enable" works without reload. */
export async function injectIntoOpenTabs(origins: string[]): Promise<void> {
  if (!origins.length) return;
  const tabs = await browser.tabs.query({ url: origins });
  await Promise.allSettled(
    tabs.filter((t) => t.id !== undefined).map((t) => browser.scripting.executeScript({ target: { tabId: t.id! }, files: [CONTENT_SCRIPT_FILE] })),
  );
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The match pattern that enables one site (its host, any scheme, any path). */
export function originPatternFor(url: URL): string {
  return `${url.protocol === 'http:' ? 'http' : '*'}://${url.hostname}/*`;
}
