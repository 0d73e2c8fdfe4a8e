/**
 * The panel's only channel: `browser.runtime` (and `browser.tabs` to ask its host to close).
 * Never `window.postMessage`: the page around the iframe could forge or read that.
 */
import { browser } from 'wxt/browser';
import type { Picks } from '../../engine/api';
import type { PageMessage } from '../../messages/page-protocol';
import type { RatingValue } from '../../store/records';
import { getPicks } from '../common/messages';
import { PANEL_CLOSE } from '../panel-host/panel-messages';

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** `timeoutMs`: the panel's own patience; a cold engine loads its model first, which takes longer than a page message's usual 5 s. */
export function loadPicks(site: string | null, timeoutMs: number): Promise<Result<Picks>> {
  return getPicks(site, timeoutMs, true);
}

export async function rateById(titleId: string, value: RatingValue | null): Promise<Result<unknown>> {
  const message: PageMessage = { type: 'rating/set-by-id', titleId, value };
  try {
    const reply = (await browser.runtime.sendMessage(message)) as Result<unknown> | undefined;
    if (!reply || typeof reply !== 'object' || typeof reply.ok !== 'boolean') return { ok: false, error: 'no reply from the background' };
    return reply;
  } catch (err) {
    // The background is unreachable: the failure becomes the reply, which the panel shows.
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Ask the content script in this tab's top frame to close the panel (Escape pressed here). */
export async function askHostToClose(): Promise<void> {
  try {
    const tab = await browser.tabs.getCurrent();
    if (tab?.id === undefined) return;
    await browser.tabs.sendMessage(tab.id, { type: PANEL_CLOSE }, { frameId: 0 });
  } catch {
    // Opened on its own (no host), or the content script is gone: nothing to close.
  }
}
