/**
 * A search opened in one page and a title played after a full page load in the same tab:
 * the content script of the new page cannot know the search, so the background keeps the
 * last unattributed search per tab, in extension session storage (never the page's), and
 * attributes the next title watched within the window.
 */
import { browser } from 'wxt/browser';
import type { TastefulDB } from '../store/db';
import { attributeSearch } from '../store/events';
import type { SenderInfo } from './recording-state';

export const ATTRIBUTION_WINDOW_MS = 10 * 60 * 1000;

interface Pending {
  searchId: string;
  at: number;
  site: string;
}

const keyFor = (tabId: number) => `pending-search:${tabId}`;
const session = () => (browser.storage as unknown as { session?: typeof browser.storage.local }).session;

export async function rememberSearch(sender: SenderInfo, searchId: string, now: number): Promise<void> {
  const store = session();
  if (sender.tabId === null || !store) return;
  const value: Pending = { searchId, at: now, site: sender.site };
  await store.set({ [keyFor(sender.tabId)]: value });
}

export async function forgetSearch(sender: SenderInfo): Promise<void> {
  const store = session();
  if (sender.tabId === null || !store) return;
  await store.remove(keyFor(sender.tabId));
}

export async function attributePendingSearch(db: TastefulDB, sender: SenderInfo, titleId: string, now: number): Promise<void> {
  const store = session();
  if (sender.tabId === null || !store) return;
  const key = keyFor(sender.tabId);
  const pending = (await store.get(key))[key] as Pending | undefined;
  if (!pending) return;
  await store.remove(key);
  if (pending.site !== sender.site || now - pending.at > ATTRIBUTION_WINDOW_MS) return;
  const search = await db.searches.get(pending.searchId);
  if (search && search.openedTitleId === null) await attributeSearch(db, pending.searchId, titleId);
}
