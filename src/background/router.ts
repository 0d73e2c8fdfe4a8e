/**
 * The background's single entry for content-script messages: validate, check the sender,
 * check that recording is on for writes, run the handler, reply `{ ok, value | error }`.
 * A message that fails any check changes nothing.
 */
import { ContentMessage, type Reply } from '../messages/protocol';
import type { TastefulDB } from '../store/db';
import { handlers, RECORDING_MESSAGES } from './handlers';
import { pageState, type SenderInfo } from './recording-state';
import { siteOf } from './site-of';
import { markStoreFull } from './store-health';
import { noteDataChange, type ChangeStrength } from './engine-client';

export interface RawSender {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string; incognito?: boolean };
}

export async function route(db: TastefulDB, raw: unknown, rawSender: RawSender, ownId: string): Promise<Reply> {
  if (rawSender.id !== ownId) return { ok: false, error: 'message from another extension' };
  const parsed = ContentMessage.safeParse(raw);
  if (!parsed.success) return { ok: false, error: `invalid message: ${parsed.error.issues[0]?.message ?? 'bad shape'}` };
  const url = rawSender.tab?.url ?? rawSender.url;
  const site = siteOf(url);
  if (!site || !url) return { ok: false, error: 'message from a page that is not a website' };
  const sender: SenderInfo = { site, url, incognito: rawSender.tab?.incognito ?? false, tabId: rawSender.tab?.id ?? null };
  const message = parsed.data;
  try {
    if (RECORDING_MESSAGES.has(message.type)) {
      const state = await pageState(db, sender);
      if (state.recording !== 'on') return { ok: false, error: `not recording: ${state.recording}` };
    }
    const handler = handlers[message.type] as (m: typeof message, env: { db: TastefulDB; sender: SenderInfo; now: number }) => Promise<unknown>;
    const value = await handler(message, { db, sender, now: Date.now() });
    const strength = changeStrength(message);
    if (strength) noteDataChange(strength);
    return { ok: true, value };
  } catch (err) {
    if (err instanceof Error && err.name === 'StoreFullError') {
      markStoreFull();
      return { ok: false, error: 'store-full' };
    }
    // After a failed automatic reopen (Chromium closes every connection when the disk fills),
    // Dexie refuses every call until told it may open again: let the next message reopen.
    if (err instanceof Error && err.name === 'DatabaseClosedError') db.close({ disableAutoOpen: false });
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * How much a message changes what the profile is built from. Strong changes show in the very
 * next answer; weak ones (see engine-client.ts) within half a minute.
 */
export function changeStrength(message: ContentMessage): ChangeStrength | null {
  switch (message.type) {
    case 'state/get':
    case 'rank/page':
    case 'rank/recent':
      return null;
    case 'titles/seen':
    case 'impressions/record':
      return 'weak';
    case 'watch/progress':
      return message.progress.final ? 'strong' : 'weak';
    case 'search/record':
    case 'search/opened':
    case 'skip/record':
    case 'rating/set':
      return 'strong';
  }
}
