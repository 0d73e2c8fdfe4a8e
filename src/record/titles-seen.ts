/**
 * Reports the tiles met on the page (`titles/seen`), so the catalog knows them and the model
 * can embed them before the user ever opens one. Deduplicated by siteItemId for the life of
 * the page, at most MAX_PER_MESSAGE per message, flushed at most every FLUSH_MS: a page of
 * 2,000 tiles costs four messages, not 2,000.
 */
import type { TitleInput } from '../messages/protocol';
import type { TileInfo } from '../sites/types';
import type { TileScanner } from './tile-scanner';
import { toTitleInput } from './title-input';
import type { Send } from './types';

export const MAX_PER_MESSAGE = 500;
export const FLUSH_MS = 2_000;
/** Beyond this many ids the dedupe set starts over (an endless feed must not grow memory forever). */
const MAX_REMEMBERED = 20_000;

export function startTitlesSeen(deps: { scanner: TileScanner; win: Window; signal: AbortSignal; send: Send }): { flush(): void } {
  const { win, signal } = deps;
  let sent = new Set<string>();
  let pending = new Map<string, TitleInput>();
  let timer: number | null = null;

  function flush() {
    if (timer !== null) win.clearTimeout(timer);
    timer = null;
    if (signal.aborted || pending.size === 0) return;
    const titles = [...pending.values()];
    pending = new Map();
    for (let i = 0; i < titles.length; i += MAX_PER_MESSAGE) {
      void deps.send({ type: 'titles/seen', titles: titles.slice(i, i + MAX_PER_MESSAGE) });
    }
  }

  function add(info: TileInfo) {
    if (sent.has(info.siteItemId) || pending.has(info.siteItemId)) return;
    const input = toTitleInput(info);
    if (!input) return;
    if (sent.size >= MAX_REMEMBERED) sent = new Set();
    sent.add(input.siteItemId);
    pending.set(input.siteItemId, input);
    timer ??= win.setTimeout(flush, FLUSH_MS);
  }

  deps.scanner.subscribe({ onTile: (_el, info) => add(info), onTileChanged: (_el, info) => add(info) }, signal);
  win.addEventListener('pagehide', flush, { signal });
  signal.addEventListener(
    'abort',
    () => {
      if (timer !== null) win.clearTimeout(timer);
      pending = new Map();
    },
    { once: true },
  );
  return { flush };
}
