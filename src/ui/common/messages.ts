/** The pages' few messages to the background, wrapped so a missing or restarting background is a value, not a throw. */
import { browser } from 'wxt/browser';
import type { Picks } from '../../engine/api';
import type { PageMessage } from '../../messages/page-protocol';

type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

async function sendPage<T>(message: PageMessage): Promise<Result<T>> {
  try {
    const reply = (await browser.runtime.sendMessage(message)) as Result<T> | undefined;
    if (!reply || typeof reply !== 'object' || typeof reply.ok !== 'boolean') return { ok: false, error: 'no reply from the background' };
    return reply;
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Tell the background the user's data changed (import, delete, wipe) so the engine drops its caches. */
export async function notifyDataChanged(): Promise<void> {
  await sendPage<null>({ type: 'data/changed' });
}

export function getPicks(site: string | null): Promise<Result<Picks>> {
  return sendPage<Picks>({ type: 'picks/get', site });
}
