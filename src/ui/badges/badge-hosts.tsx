/**
 * A badge's host in the page: made when its tile comes on screen, removed when the tile goes
 * far or loses its badge. Hosts are children of `<html>` (outside the site's markup) and have
 * a closed shadow root (see shadow-host.ts); the badge inside is rendered by Preact.
 */
import { render } from 'preact';
import { Badge, type BadgeProps } from './badge-view';
import { BADGE_CSS } from './badge-styles';
import { BADGE_TAG, type Entry } from './entry';
import { createShadowHost, hostParent } from './shadow-host';

export interface HostSet {
  /** Our host element → its entry (events on our badge map back to the tile). */
  readonly byHost: Map<Element, Entry>;
  attach(e: Entry): void;
  detach(e: Entry): void;
  paint(e: Entry, props: BadgeProps): void;
  /** Put the host back if the page removed it. */
  reattach(e: Entry): void;
  /** The open menu must paint above later badges: its host goes last. */
  raise(e: Entry): void;
}

export function createHostSet(doc: Document, resize: ResizeObserver | null): HostSet {
  const byHost = new Map<Element, Entry>();
  return {
    byHost,
    attach(e) {
      const sh = createShadowHost(doc, BADGE_TAG, BADGE_CSS);
      sh.mount.className = 'pos';
      sh.mount.hidden = true;
      // Keys pressed in our menu are ours: do not let the site's bubbling hotkeys act on them.
      for (const type of ['keydown', 'keyup', 'keypress'] as const) sh.root.addEventListener(type, (ev) => ev.stopPropagation());
      e.host = sh;
      e.shown = false;
      e.x = e.y = Number.NaN;
      byHost.set(sh.host, e);
      hostParent(doc).appendChild(sh.host);
      resize?.observe(e.el);
    },
    detach(e) {
      if (!e.host) return;
      render(null, e.host.mount);
      byHost.delete(e.host.host);
      e.host.remove();
      e.host = null;
      e.shown = false;
      e.open = false;
      resize?.unobserve(e.el);
    },
    paint(e, props) {
      if (e.host) render(<Badge {...props} />, e.host.mount);
    },
    reattach(e) {
      if (e.host && !e.host.host.isConnected) hostParent(doc).appendChild(e.host.host);
    },
    raise(e) {
      const parent = e.host?.host.parentNode;
      if (e.host && parent && parent.lastChild !== e.host.host) parent.appendChild(e.host.host);
    },
  };
}
