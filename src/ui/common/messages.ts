/** The pages' few messages to the background, wrapped so a missing or restarting background is a value, not a throw. */
import { browser } from 'wxt/browser';
import type { Picks } from '../../engine/api';
import type { PageMessage } from '../../messages/page-protocol';

type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** A background busy loading the model must not leave a page waiting forever. */
export const PAGE_MESSAGE_TIMEOUT_MS = 5_000;

async function sendPage<T>(message: PageMessage, timeoutMs = PAGE_MESSAGE_TIMEOUT_MS): Promise<Result<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Result<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: 'the background did not answer in time' }), timeoutMs);
  });
  try {
    const reply = (await Promise.race([browser.runtime.sendMessage(message) as Promise<Result<T> | undefined>, timeout])) as Result<T> | undefined;
    if (!reply || typeof reply !== 'object' || typeof reply.ok !== 'boolean') return { ok: false, error: 'no reply from the background' };
    return reply;
  } catch (err) {
    // The background is unreachable: the failure becomes the reply, which the caller shows.
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Before a wipe: the engine may be embedding titles right now, and its cache write must not
 * land after the wipe. Best effort: an engine that does not answer is not writing either.
 */
export async function forgetEngineCaches(): Promise<void> {
  await sendPage<null>({ type: 'engine/forget' });
}

/** `panel`: the "Picked for you" panel is asking (its top row may run the local experiment). */
export function getPicks(site: string | null, timeoutMs?: number, panel = false): Promise<Result<Picks>> {
  return sendPage<Picks>(panel ? { type: 'picks/get', site, panel } : { type: 'picks/get', site }, timeoutMs);
}
