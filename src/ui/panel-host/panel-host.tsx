/**
 * The "Picked for you" overlay in the page, the Bitwarden way: an attribute-less host with a
 * closed shadow root holding a small toggle button and, while open, an extension-origin
 * `<iframe>` (`panel.html`). The picks themselves are only ever inside that iframe, where
 * page scripts cannot read; the page sees an empty host, and while open a cross-origin frame.
 *
 * - Collapsed, only the toggle takes pointer events; the host is a 0×0 fixed box.
 * - The toggle sits in a viewport corner where it covers no title or control, else docks to
 *   the right edge (launcher-spot.ts); it is looked at again after scrolling and resizing, but
 *   never moved from under the pointer, focus, or an open panel. It shows only once placed.
 * - Pointer and click events in our UI stop at our shadow root: the page's handlers never act
 *   on a click meant for the launcher.
 * - Keyboard: the toggle is a native button (Enter/Space); Escape on it, or inside the panel
 *   (which tells us through `browser.tabs.sendMessage`, never `postMessage`), closes the panel
 *   and returns focus to the toggle.
 * - If the page navigates our iframe elsewhere (a second `load` we did not cause), the frame
 *   is dropped rather than showing whatever it now holds.
 */
import { render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { createShadowHost, hostParent } from '../badges/shadow-host';
import { detectTheme, onColorSchemeChange, type Theme } from '../badges/theme';
import { chooseSpot, pageOccupies, sameSpot, type Spot } from './launcher-spot';
import { isPanelClose } from './panel-messages';
import { PANEL_HOST_CSS } from './panel-styles';

export const PANEL_TAG = 'tasteful-panel';
/** Scrolling or resizing must settle this long before the launcher looks for a new spot. */
const PLACE_SETTLE_MS = 250;
const POINTER_EVENTS = [
  'pointerdown',
  'pointerup',
  'mousedown',
  'mouseup',
  'click',
  'dblclick',
  'auxclick',
  'contextmenu',
  'touchstart',
  'touchend',
] as const;

export interface PanelOptions {
  /** The site as the background names it (host without "www."). */
  site: string;
  /** Aborting removes the host, the iframe and every listener. */
  signal: AbortSignal;
  doc?: Document;
}

export interface PanelHandle {
  open(): void;
  close(): void;
  toggle(): void;
}

/** The panel page's URL for this site (and the page's look, so the panel matches it). */
export function panelUrl(site: string, theme: Theme): string {
  const base = browser.runtime.getURL('/panel.html');
  const params = new URLSearchParams({ site, theme });
  return `${base}?${params.toString()}`;
}

interface ViewProps {
  open: boolean;
  /** Where the launcher sits; null until measured. */
  spot: Spot | null;
  theme: Theme;
  src: string;
  /** Bumped on every open so focus moves into the new frame. */
  openCount: number;
  onToggle(): void;
  onEscape(): void;
  onForeignLoad(): void;
  toggleRef: { current: HTMLButtonElement | null };
}

function PanelView(props: ViewProps) {
  const frameRef = useRef<HTMLIFrameElement>(null);
  const loads = useRef(0);

  useEffect(() => {
    loads.current = 0;
  }, [props.openCount]);

  const onLoad = () => {
    loads.current++;
    if (loads.current > 1) {
      props.onForeignLoad();
      return;
    }
    frameRef.current?.focus({ preventScroll: true });
  };

  return (
    <div
      class={`wrap ${props.theme} spot-${spotClass(props.spot)}${props.spot ? ' placed' : ''}`}
      style={props.spot && typeof props.spot === 'object' ? { top: `${props.spot.y}px` } : undefined}
    >
      {props.open && (
        <iframe ref={frameRef} key={props.openCount} id="tasteful-panel-frame" class="frame" src={props.src} title="Picked for you" onLoad={onLoad} />
      )}
      <button
        ref={props.toggleRef}
        type="button"
        class="toggle"
        aria-expanded={props.open ? 'true' : 'false'}
        aria-controls={props.open ? 'tasteful-panel-frame' : undefined}
        onClick={props.onToggle}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && props.open) {
            e.preventDefault();
            props.onEscape();
          }
        }}
      >
        Picked for you
      </button>
    </div>
  );
}

function spotClass(spot: Spot | null): string {
  if (spot === null) return 'bottom-right';
  return typeof spot === 'string' ? spot : `edge-${spot.edge}`;
}

export function mountPanel(opts: PanelOptions): PanelHandle {
  const doc = opts.doc ?? document;
  const win = doc.defaultView ?? window;
  const { signal } = opts;
  const shadow = createShadowHost(doc, PANEL_TAG, PANEL_HOST_CSS);
  // Keys and clicks inside our UI are ours: the site's bubbling handlers need not see them.
  for (const type of ['keydown', 'keyup', 'keypress'] as const) shadow.root.addEventListener(type, (e) => e.stopPropagation());
  for (const type of POINTER_EVENTS) shadow.root.addEventListener(type, (e) => e.stopPropagation(), { passive: true });
  const toggleRef: { current: HTMLButtonElement | null } = { current: null };
  let isOpen = false;
  let spot: Spot | null = null;
  let openCount = 0;
  let theme: Theme = detectTheme(doc);
  /** Fixed per opening: a changed src would navigate the open frame. */
  let src = '';
  let destroyed = false;

  function paint() {
    if (destroyed) return;
    render(
      <PanelView
        open={isOpen}
        spot={spot}
        theme={theme}
        src={src}
        openCount={openCount}
        toggleRef={toggleRef}
        onToggle={() => (isOpen ? close(true) : open())}
        onEscape={() => close(true)}
        onForeignLoad={() => close(false)}
      />,
      shadow.mount,
    );
  }

  function ensureAttached() {
    if (!shadow.host.isConnected) hostParent(doc).appendChild(shadow.host);
  }

  function open() {
    if (destroyed || isOpen) return;
    ensureAttached();
    isOpen = true;
    openCount++;
    src = panelUrl(opts.site, theme);
    paint();
  }

  function close(returnFocus = true) {
    if (destroyed || !isOpen) return;
    isOpen = false;
    paint();
    if (returnFocus) toggleRef.current?.focus({ preventScroll: true });
  }

  // Escape pressed inside the panel iframe: a message from our own extension page only.
  const onMessage = (message: unknown, sender: { id?: string }) => {
    if (sender?.id !== browser.runtime.id || !isPanelClose(message)) return undefined;
    close(true);
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);

  onColorSchemeChange(
    win,
    () => {
      theme = detectTheme(doc);
      // An open frame keeps its look until it is reopened: reloading it would lose the user's place.
      paint();
    },
    signal,
  );

  /** Look for a free spot (the content under a fixed launcher changes as the page scrolls). */
  function place() {
    const t = toggleRef.current;
    if (destroyed || !t || isOpen || t.matches(':hover') || shadow.root.activeElement === t) return;
    // The horizontal size (a docked tab is the same label on its side).
    const size =
      typeof spot === 'object' && spot ? { width: t.offsetHeight, height: t.offsetWidth } : { width: t.offsetWidth, height: t.offsetHeight };
    const next = chooseSpot(spot, size, win.innerWidth, win.innerHeight, (box) => pageOccupies(doc, box, shadow.host));
    if (sameSpot(next, spot)) return;
    spot = next;
    paint();
  }
  let placeTimer = 0;
  const placeSoon = () => {
    win.clearTimeout(placeTimer);
    placeTimer = win.setTimeout(place, PLACE_SETTLE_MS);
  };
  const passive = { capture: true, passive: true, signal } as const;
  doc.addEventListener('scroll', placeSoon, passive);
  win.addEventListener('resize', placeSoon, passive);

  const destroy = () => {
    destroyed = true;
    win.clearTimeout(placeTimer);
    browser.runtime.onMessage.removeListener(onMessage);
    render(null, shadow.mount);
    shadow.remove();
  };
  if (signal.aborted) destroy();
  else signal.addEventListener('abort', destroy, { once: true });

  if (!destroyed) {
    ensureAttached();
    paint();
    // Measured in the corner it would take first (rendered hidden), then shown where it fits.
    place();
    if (spot === null) {
      spot = 'bottom-right';
      paint();
    }
  }

  return {
    open,
    close: () => close(true),
    toggle: () => (isOpen ? close(true) : open()),
  };
}
