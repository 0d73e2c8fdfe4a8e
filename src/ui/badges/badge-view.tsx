/**
 * One badge, rendered by Preact inside its closed shadow root: a button ("87% match")
 * opening a small menu (thumbs down / up / love, not interested, why this?). Page text (the
 * title, the reasons) only ever reaches the DOM as Preact text nodes.
 */
import type { Ref, RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { RatingValue } from '../../store/records';
import { Icon, RATING_ICON } from '../common/icons';
import { placePopup, visibleArea } from '../common/placement';
import type { Theme } from './theme';

export type Rating = RatingValue;

export interface BadgeProps {
  theme: Theme;
  /** Percentage 50..100. */
  match: number;
  why: readonly string[];
  /** The tile's title (only ever used as text). */
  title: string;
  rating: Rating | null;
  /** Thumbs down / not interested: only the status line stays (for screen readers). */
  hidden: boolean;
  /** Save a rating (null clears it); resolves false when it could not be saved. */
  onRate(value: Rating | null): Promise<boolean>;
  onOpenChange(open: boolean): void;
  /** The badge button is going away while it has focus: put focus somewhere sensible. */
  onFocusAway(): void;
}

const RATING_ITEMS: { value: Rating; label: string; done: string }[] = [
  { value: 'down', label: 'Thumbs down', done: 'Rated thumbs down. Badge hidden.' },
  { value: 'up', label: 'Thumbs up', done: 'Rated thumbs up.' },
  { value: 'love', label: 'Love', done: 'Rated love.' },
  { value: 'not-interested', label: 'Not interested', done: 'Marked not interested. Badge hidden.' },
];

/** Ratings that leave the badge shown carry a mark on it (the accessible name says it in words). */
const MARKED: ReadonlySet<Rating> = new Set(['up', 'love']);
const MARK_TEXT: Partial<Record<Rating, string>> = { up: ', rated thumbs up', love: ', rated love' };

type View = 'closed' | 'menu' | 'why';

export function Badge(props: BadgeProps) {
  const { theme, match, why, title, rating, hidden } = props;
  const [view, setView] = useState<View>('closed');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popRef = useRef<HTMLDivElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const pct = Math.round(Math.max(0, Math.min(100, match)));
  const name = `${pct}% match for you${rating ? (MARK_TEXT[rating] ?? '') : ''} — options`;

  const setOpen = (next: View, focusButton: boolean) => {
    setView(next);
    props.onOpenChange(next !== 'closed');
    if (next === 'closed' && focusButton) buttonRef.current?.focus({ preventScroll: true });
  };

  usePopupPlacement(view, buttonRef, popRef, wrapRef);
  useFocusOnOpen(view, popRef);

  // Hidden with focus on the (now gone) button: let the layer move focus back to the tile.
  useEffect(() => {
    if (hidden && view !== 'closed') {
      setView('closed');
      props.onOpenChange(false);
      props.onFocusAway();
    }
  }, [hidden]);

  useCloseOnPointerElsewhere(view, buttonRef, () => setOpen('closed', false));

  const rate = async (value: Rating) => {
    if (busy) return;
    const next = rating === value ? null : value;
    setBusy(true);
    const ok = await props.onRate(next);
    setBusy(false);
    const item = RATING_ITEMS.find((r) => r.value === value);
    setStatus(ok ? (next === null ? 'Rating removed.' : (item?.done ?? 'Saved.')) : 'Could not save the rating.');
    if (!(ok && (next === 'down' || next === 'not-interested'))) setOpen('closed', true);
  };

  const onPopKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      setOpen('closed', true);
      return;
    }
    if (view !== 'menu') return;
    const items = Array.from(popRef.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? []);
    const active = (popRef.current?.getRootNode() as ShadowRoot | undefined)?.activeElement as HTMLElement | null;
    if (e.key === 'Tab') {
      setOpen('closed', false);
      return;
    }
    const to = menuKeyTarget(e.key, active ? items.indexOf(active) : -1, items.length);
    if (to >= 0) {
      e.preventDefault();
      items[to]?.focus({ preventScroll: true });
    }
  };

  const onButtonKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && view !== 'closed') {
      e.preventDefault();
      setOpen('closed', true);
    } else if (e.key === 'ArrowDown' && view === 'closed') {
      e.preventDefault();
      setOpen('menu', false);
    }
  };

  const mark = rating && MARKED.has(rating) ? RATING_ICON[rating] : undefined;

  return (
    <div ref={wrapRef} class={`wrap ${theme}`}>
      {!hidden && (
        <button
          ref={buttonRef}
          type="button"
          class="badge"
          aria-label={name}
          aria-haspopup="menu"
          aria-expanded={view === 'menu' ? 'true' : 'false'}
          onClick={() => setOpen(view === 'closed' ? 'menu' : 'closed', view !== 'closed')}
          onKeyDown={onButtonKeyDown}
        >
          <span class="pct" aria-hidden="true">
            {pct}%
          </span>
          <span aria-hidden="true"> match</span>
          {mark && <Icon name={mark} size={12} class="icon mark" />}
        </button>
      )}
      {!hidden && view === 'menu' && (
        <BadgeMenu
          popRef={popRef}
          title={title}
          rating={rating}
          busy={busy}
          onKeyDown={onPopKeyDown}
          onRate={(value) => void rate(value)}
          onWhy={() => setView('why')}
        />
      )}
      {!hidden && view === 'why' && (
        <WhyPopup popRef={popRef} title={title} why={why} onKeyDown={onPopKeyDown} onClose={() => setOpen('closed', true)} />
      )}
      <div class="sr-only" role="status" aria-live="polite">
        {status}
      </div>
    </div>
  );
}

interface BadgeMenuProps {
  popRef: Ref<HTMLDivElement>;
  title: string;
  rating: Rating | null;
  busy: boolean;
  onKeyDown(e: KeyboardEvent): void;
  onRate(value: Rating): void;
  onWhy(): void;
}

/** The options menu: the ratings (a radio group in menu form), then "Why this?". */
function BadgeMenu({ popRef, title, rating, busy, onKeyDown, onRate, onWhy }: BadgeMenuProps) {
  return (
    <div ref={popRef} class="pop" role="menu" aria-label={`Options for ${title}`} onKeyDown={onKeyDown}>
      {RATING_ITEMS.map((item) => (
        <button
          key={item.value}
          type="button"
          class="item"
          role="menuitemradio"
          aria-checked={rating === item.value ? 'true' : 'false'}
          aria-disabled={busy ? 'true' : undefined}
          tabIndex={-1}
          onClick={() => onRate(item.value)}
        >
          <Icon name={RATING_ICON[item.value]} />
          <span class="label">{item.label}</span>
          {rating === item.value && <Icon name="check" size={14} class="icon tick" />}
        </button>
      ))}
      {/* biome-ignore lint/a11y/useSemanticElements: a separator inside an ARIA menu; <hr> would bring its own page-independent styling into the closed shadow root */}
      <div class="sep" role="separator" />
      <button type="button" class="item" role="menuitem" tabIndex={-1} onClick={onWhy}>
        <Icon name="question" />
        <span class="label">Why this?</span>
      </button>
    </div>
  );
}

interface WhyPopupProps {
  popRef: Ref<HTMLDivElement>;
  title: string;
  why: readonly string[];
  onKeyDown(e: KeyboardEvent): void;
  onClose(): void;
}

/** "Why this?": the reasons as plain text nodes, or a line saying there are none yet. */
function WhyPopup({ popRef, title, why, onKeyDown, onClose }: WhyPopupProps) {
  return (
    <div ref={popRef} class="pop why" role="dialog" aria-label="Why this match" onKeyDown={onKeyDown}>
      <h2>Why {title}?</h2>
      {why.length > 0 ? (
        <ul>
          {why.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      ) : (
        <p>Tasteful has no specific reason to show for this one yet.</p>
      )}
      <button type="button" class="close" onClick={onClose}>
        Close
      </button>
    </div>
  );
}

/** Menu item to focus for an arrow/Home/End key from item i of n, or −1 for any other key. */
function menuKeyTarget(key: string, i: number, n: number): number {
  if (key === 'ArrowDown') return (i + 1) % n;
  if (key === 'ArrowUp') return (i - 1 + n) % n;
  if (key === 'Home') return 0;
  if (key === 'End') return n - 1;
  return -1;
}

/** Keep the open popup inside the visible viewport: placed before paint, again on scroll/resize. */
function usePopupPlacement(
  view: View,
  buttonRef: RefObject<HTMLButtonElement>,
  popRef: RefObject<HTMLDivElement>,
  wrapRef: RefObject<HTMLDivElement>,
) {
  useLayoutEffect(() => {
    if (view === 'closed') return;
    const win = buttonRef.current?.ownerDocument.defaultView;
    if (!win) return;
    placeIn(win, buttonRef.current, popRef.current, wrapRef.current);
    let raf = 0;
    const again = () => {
      if (raf) return;
      raf = win.requestAnimationFrame(() => {
        raf = 0;
        placeIn(win, buttonRef.current, popRef.current, wrapRef.current);
      });
    };
    const o = { capture: true, passive: true } as const;
    win.addEventListener('scroll', again, o);
    win.addEventListener('resize', again, o);
    win.visualViewport?.addEventListener('resize', again, o);
    win.visualViewport?.addEventListener('scroll', again, o);
    return () => {
      if (raf) win.cancelAnimationFrame(raf);
      win.removeEventListener('scroll', again, o);
      win.removeEventListener('resize', again, o);
      win.visualViewport?.removeEventListener('resize', again, o);
      win.visualViewport?.removeEventListener('scroll', again, o);
    };
  }, [view]);
}

/** Focus the first item (menu) or the close button (why) when a popup opens. */
function useFocusOnOpen(view: View, popRef: RefObject<HTMLDivElement>) {
  useEffect(() => {
    if (view === 'closed') return;
    const first = popRef.current?.querySelector<HTMLElement>(view === 'menu' ? '[role^="menuitem"]' : 'button');
    first?.focus({ preventScroll: true });
  }, [view]);
}

/** The layer closes our popup when the user clicks elsewhere (anything but our own host). */
function useCloseOnPointerElsewhere(view: View, buttonRef: RefObject<HTMLButtonElement>, close: () => void) {
  useEffect(() => {
    if (view === 'closed') return;
    const doc = buttonRef.current?.ownerDocument;
    const host = (buttonRef.current?.getRootNode() as ShadowRoot | undefined)?.host;
    if (!doc || !host) return;
    const onDown = (e: Event) => {
      if (e.target !== host) close();
    };
    doc.addEventListener('pointerdown', onDown, true);
    return () => doc.removeEventListener('pointerdown', onDown, true);
  }, [view]);
}

/** Position an open popup (absolutely, inside the badge's 0×0 box) so it lies in the visible viewport. */
function placeIn(win: Window, button: HTMLElement | null, pop: HTMLElement | null, box: HTMLElement | null): void {
  if (!button || !pop || !box) return;
  pop.style.maxWidth = pop.style.maxHeight = '';
  const origin = box.getBoundingClientRect();
  const p = placePopup(button.getBoundingClientRect(), { width: pop.offsetWidth, height: pop.offsetHeight }, visibleArea(win));
  pop.style.left = `${p.left - origin.left}px`;
  pop.style.top = `${p.top - origin.top}px`;
  if (p.maxWidth !== null) pop.style.maxWidth = `${p.maxWidth}px`;
  if (p.maxHeight !== null) pop.style.maxHeight = `${p.maxHeight}px`;
}
