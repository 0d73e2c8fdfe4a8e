/**
 * The content script's (and popup's) way to talk to the background. Replies are
 * `{ ok, value | error }` so a rejected message surfaces as a value, not an exception that
 * could break the page's flow.
 */
import { browser } from 'wxt/browser';
import type { ContentMessage, Reply } from './protocol';
import type { ReplyMap } from './replies';

export async function send<M extends ContentMessage>(message: M): Promise<Reply<ReplyMap[M['type']]>> {
  try {
    const reply = (await browser.runtime.sendMessage(message)) as Reply<ReplyMap[M['type']]> | undefined;
    return reply ?? { ok: false, error: 'no reply from the background' };
  } catch (err) {
    // The extension was reloaded or the worker is restarting: the caller retries or drops.
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
