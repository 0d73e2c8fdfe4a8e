/**
 * The background's single entry for content-script messages: validate, check the sender,
 * check that recording is on for writes, run the handler, reply `{ ok, value | error }`.
 * A message that fails any check changes nothing.
 */
import Dexie from 'dexie';
import { ContentMessage, type Reply } from '../messages/protocol';
import { EngineFailed, EngineUnreachable } from '../platform/engine-errors';
import { diagnose } from '../store/diagnostics';
import { StoreFullError } from '../store/errors';
import type { TastefulDB } from '../store/db';
import { handlers, RECORDING_MESSAGES } from './handlers';
import { pageState, type SenderInfo } from './recording-state';
import { siteOf } from './site-of';
import { markStoreFull } from './store-health';

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
    return { ok: true, value };
  } catch (err) {
    if (err instanceof StoreFullError) {
      markStoreFull(); // recording pauses and the popup says why: the user sees it, no note needed
      return { ok: false, error: 'store-full' };
    }
    // The engine client already noted (and, when it could, retried) engine failures.
    if (!(err instanceof EngineFailed || err instanceof EngineUnreachable)) diagnose(`router/${message.type}`, err);
    // After a failed automatic reopen (Chromium closes every connection when the disk fills),
    // Dexie refuses every call until told it may open again: let the next message reopen.
    if (err instanceof Dexie.DatabaseClosedError) db.close({ disableAutoOpen: false });
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
