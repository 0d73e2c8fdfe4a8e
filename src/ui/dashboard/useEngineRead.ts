/**
 * Reads something from the engine once the section is on screen (so opening the dashboard at
 * "Export" or "Wipe" does not wake the model), again whenever the user's data changes, and
 * again on "Try again". Stale replies (from an older read) are dropped.
 */
import type { RefObject } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { EngineResult } from './engine-reads';

export type EngineReadState<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly previous: T | null }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'error'; readonly error: string };

/** True once the element has been on screen (or at once where IntersectionObserver is missing). */
export function useSeen(ref: RefObject<Element>): boolean {
  const [seen, setSeen] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    if (seen || !ref.current) return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setSeen(true);
          io.disconnect();
        }
      },
      { rootMargin: '200px' },
    );
    io.observe(ref.current);
    return () => io.disconnect();
  }, [seen, ref]);
  return seen;
}

export function useEngineRead<T>(
  read: () => Promise<EngineResult<T>>,
  enabled: boolean,
  version: number,
): { state: EngineReadState<T>; retry: () => void } {
  const [state, setState] = useState<EngineReadState<T>>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const last = useRef<T | null>(null);
  const readRef = useRef(read);
  readRef.current = read;

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setState({ status: 'loading', previous: last.current });
    readRef.current().then(
      (r) => {
        if (!live) return;
        if (r.ok) {
          last.current = r.value;
          setState({ status: 'ready', value: r.value });
        } else setState({ status: 'error', error: r.error });
      },
      (err: unknown) => live && setState({ status: 'error', error: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
  }, [enabled, version, attempt]);

  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return { state, retry };
}
