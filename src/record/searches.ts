import type { SiteAdapter, TileInfo } from '../sites/types';
import { onTileActivated } from './activation';
import type { TileScanner } from './tile-scanner';
import { toTitleInput } from './title-input';
import { newId as randomId, type PageEnv } from './types';

export const MIN_QUERY_LENGTH = 2;
export const MAX_QUERY_LENGTH = 500;
/** The same query again this soon is the same search (Enter, then the URL changing to it). */
export const DEDUPE_MS = 30_000;
/** A title opened this long after a search is still its result. */
export const ATTRIBUTION_WINDOW_MS = 10 * 60_000;
/** Enter and the form's submit event arrive together: one search. */
export const SUBMIT_DEBOUNCE_MS = 300;
/** Search-as-you-type URLs change per key press: record the query once it stops changing. */
export const URL_SETTLE_MS = 1_500;
/**
 * A box whose results come as the user types, with no Enter and no URL of its own: what was
 * typed is the search once it has stood this long, or as soon as a result is opened. Longer
 * than the URL's settle time: a pause in typing ("the", then "the office") is not a search.
 */
export const TYPED_SETTLE_MS = 3_000;

export function normalizeQuery(raw: string): string | null {
  const q = raw.replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH);
  return q.length >= MIN_QUERY_LENGTH ? q : null;
}

/** The bookkeeping, without the DOM. */
export class SearchTracker {
  private last: { key: string; at: number } | null = null;
  private pending: { searchId: string; at: number } | null = null;

  constructor(private readonly newId: () => string = randomId) {}

  /** A search happened; returns what to record, or null (too short, or a repeat). */
  submitted(raw: string, at: number): { searchId: string; query: string } | null {
    const query = normalizeQuery(raw);
    if (!query) return null;
    const key = query.toLowerCase();
    if (this.last && this.last.key === key && at - this.last.at < DEDUPE_MS) {
      this.last.at = at;
      return null;
    }
    this.last = { key, at };
    const searchId = this.newId();
    this.pending = { searchId, at };
    return { searchId, query };
  }

  /** A title was opened; returns the search it is the result of, once. */
  opened(at: number): string | null {
    const p = this.pending;
    if (!p) return null;
    this.pending = null;
    return at - p.at <= ATTRIBUTION_WINDOW_MS ? p.searchId : null;
  }
}

export interface SearchDeps extends PageEnv {
  adapter: SiteAdapter;
  scanner: TileScanner;
  newId?: () => string;
}

export interface Searches {
  /** Call on load and on SPA URL changes. */
  urlChanged(): void;
  /** A title page or watch page for `title` was shown (the "next title opened"). */
  titleOpened(title: TileInfo): void;
}

export function startSearches(deps: SearchDeps): Searches {
  const { adapter, doc, win, signal, clock } = deps;
  const tracker = new SearchTracker(deps.newId);
  let submitTimer: number | null = null;
  let urlTimer: number | null = null;
  let typedTimer: number | null = null;
  /** What is typed in a search box and not yet recorded. */
  let typed: string | null = null;

  const record = (raw: string) => {
    if (signal.aborted) return;
    const s = tracker.submitted(raw, clock.mono());
    if (s) void deps.send({ type: 'search/record', searchId: s.searchId, query: s.query, ctx: deps.context() });
  };

  const later = (timer: number | null, ms: number, fn: () => void): number => {
    if (timer !== null) win.clearTimeout(timer);
    return win.setTimeout(fn, ms);
  };

  const searchInputs = (root: ParentNode) => {
    try {
      return adapter.findSearchInputs(root);
    } catch {
      return []; // an adapter that breaks on this page records no searches, never breaks the page
    }
  };

  const submitFrom = (input: HTMLInputElement) => {
    const value = input.value; // read now: the page may clear the box on submit
    typed = null;
    submitTimer = later(submitTimer, SUBMIT_DEBOUNCE_MS, () => record(value));
  };

  const recordTyped = () => {
    if (typedTimer !== null) win.clearTimeout(typedTimer);
    typedTimer = null;
    const value = typed;
    typed = null;
    if (value) record(value);
  };

  const opts = { capture: true, passive: true, signal } as AddEventListenerOptions;
  doc.addEventListener(
    'keydown',
    (ev) => {
      if (ev.key !== 'Enter' || ev.isComposing || !(ev.target instanceof HTMLInputElement)) return;
      if (searchInputs(doc).includes(ev.target)) submitFrom(ev.target);
    },
    opts,
  );
  doc.addEventListener(
    'input',
    (ev) => {
      if (!(ev.target instanceof HTMLInputElement) || !searchInputs(doc).includes(ev.target)) return;
      typed = normalizeQuery(ev.target.value);
      typedTimer = later(typedTimer, TYPED_SETTLE_MS, recordTyped);
    },
    opts,
  );
  doc.addEventListener(
    'submit',
    (ev) => {
      const form = ev.target;
      if (!(form instanceof HTMLFormElement)) return;
      const input = searchInputs(form)[0];
      if (input) submitFrom(input);
    },
    opts,
  );

  const opened = (title: TileInfo) => {
    if (signal.aborted) return;
    // A result opened while its query still stands in the box: that query was the search.
    recordTyped();
    const searchId = tracker.opened(clock.mono());
    const input = searchId ? toTitleInput(title) : null;
    if (searchId && input) void deps.send({ type: 'search/opened', searchId, title: input });
  };
  onTileActivated(doc, deps.scanner, signal, (tile) => opened(tile.info));

  const urlChanged = () => {
    let query: string | null = null;
    try {
      query = adapter.readSearchQuery(new URL(win.location.href));
    } catch {
      query = null; // an adapter that breaks on this URL records no search, never breaks the page
    }
    if (urlTimer !== null) win.clearTimeout(urlTimer);
    urlTimer = null;
    if (query) {
      const q = query;
      urlTimer = win.setTimeout(() => record(q), URL_SETTLE_MS);
    }
  };

  signal.addEventListener(
    'abort',
    () => {
      if (submitTimer !== null) win.clearTimeout(submitTimer);
      if (urlTimer !== null) win.clearTimeout(urlTimer);
      if (typedTimer !== null) win.clearTimeout(typedTimer);
    },
    { once: true },
  );

  urlChanged();
  return { urlChanged, titleOpened: opened };
}
