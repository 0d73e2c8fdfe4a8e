/** Handles messages from our own extension pages (popup, dashboard, panel iframe). */
import { PageMessage } from '../messages/page-protocol';
import type { Reply } from '../messages/protocol';
import type { TastefulDB } from '../store/db';
import { setRating } from '../store/events';
import { diagnose } from '../store/diagnostics';
import { EngineFailed, EngineUnreachable } from '../platform/engine-errors';
import { ifEngineRunning, withEngine } from './engine-client';
import { picksFor } from './experiment-picks';

export function isExtensionPageMessage(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && PageMessage.options.some((o) => o.shape.type.value === (raw as { type?: unknown }).type);
}

export async function handleExtensionPageMessage(db: TastefulDB, raw: unknown): Promise<Reply> {
  const parsed = PageMessage.safeParse(raw);
  if (!parsed.success) return { ok: false, error: `invalid message: ${parsed.error.issues[0]?.message ?? 'bad shape'}` };
  const msg = parsed.data;
  try {
    switch (msg.type) {
      case 'picks/get':
        return { ok: true, value: await picksFor(db, msg.site, msg.panel === true) };
      case 'taste/get':
        return { ok: true, value: await withEngine((api) => api.taste()) };
      case 'engine/forget':
        // An engine that is not running holds nothing and writes nothing.
        await ifEngineRunning((api) => api.forget());
        return { ok: true, value: null };
      case 'engine/status':
        return { ok: true, value: await withEngine((api) => api.status()) };
      case 'rating/set-by-id': {
        const title = await db.titles.get(msg.titleId);
        if (!title) return { ok: false, error: 'unknown title' };
        await setRating(
          db,
          msg.value === null
            ? { titleKey: title.key, value: null }
            : { titleKey: title.key, titleId: title.id, site: title.site, value: msg.value, at: Date.now() },
        );
        return { ok: true, value: null };
      }
    }
  } catch (err) {
    // The page shows the error; engine failures were already noted by the engine client.
    if (!(err instanceof EngineFailed || err instanceof EngineUnreachable)) diagnose(`page/${msg.type}`, err);
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
