/**
 * The dashboard's reads from the engine (through the background): the taste summary and the
 * picks. A missing, slow or confused background is a value (`ok: false`), never a throw, and
 * a reply of the wrong shape is refused rather than drawn.
 */
import { browser } from 'wxt/browser';
import type { Picks } from '../../engine/api';
import type { TasteSummary } from '../../engine/taste';
import type { PageMessage } from '../../messages/page-protocol';

export type EngineResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** The first read after start-up may wait for the model to load (1–2 s, more on a slow machine). */
export const ENGINE_READ_TIMEOUT_MS = 15_000;

async function ask(message: PageMessage, timeoutMs: number): Promise<EngineResult<unknown>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<EngineResult<unknown>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: 'the engine did not answer in time' }), timeoutMs);
  });
  try {
    const reply = (await Promise.race([browser.runtime.sendMessage(message) as Promise<unknown>, timeout])) as EngineResult<unknown> | undefined;
    if (!reply || typeof reply !== 'object' || typeof reply.ok !== 'boolean') return { ok: false, error: 'no reply from the background' };
    if (!reply.ok) return { ok: false, error: typeof reply.error === 'string' && reply.error ? reply.error : 'the engine reported an error' };
    return reply;
  } catch (err) {
    // The background is unreachable: the failure becomes the reply, which the section shows.
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function isTasteSummary(v: unknown): v is TasteSummary {
  return (
    isObject(v) &&
    Array.isArray(v.genres) &&
    Array.isArray(v.clusters) &&
    Array.isArray(v.habits) &&
    Array.isArray(v.watchTime) &&
    typeof v.confident === 'boolean' &&
    typeof v.halfLifeDays === 'number' &&
    (v.leanings === undefined || (Array.isArray(v.leanings) && v.leanings.every((l) => typeof l === 'string')))
  );
}

export function isPicks(v: unknown): v is Picks {
  return isObject(v) && Array.isArray(v.rows) && v.rows.every((r) => isObject(r) && typeof r.label === 'string' && Array.isArray(r.items));
}

export async function getTaste(timeoutMs = ENGINE_READ_TIMEOUT_MS): Promise<EngineResult<TasteSummary>> {
  const r = await ask({ type: 'taste/get' }, timeoutMs);
  if (!r.ok) return r;
  return isTasteSummary(r.value) ? { ok: true, value: r.value } : { ok: false, error: 'the engine sent an unexpected reply' };
}

export async function getDashboardPicks(timeoutMs = ENGINE_READ_TIMEOUT_MS): Promise<EngineResult<Picks>> {
  const r = await ask({ type: 'picks/get', site: null }, timeoutMs);
  if (!r.ok) return r;
  return isPicks(r.value) ? { ok: true, value: r.value } : { ok: false, error: 'the engine sent an unexpected reply' };
}
