/**
 * Cards inside open shadow roots. Web-component apps (Lit, Stencil, Polymer) often give every
 * card its own shadow tree: a row of `<media-card>` hosts, each host's shadow root holding the
 * card's link, poster and heading. Seen from one shadow tree the card stands alone; seen from
 * the page it repeats. So a tile is still the card element inside its tree (what the link and
 * poster sit in), but where it repeats is judged in the composed tree: an element that is the
 * only content of a shadow root stands for its host, and the host's same-shaped siblings, read
 * back down through their own shadow roots, are its peers.
 *
 * Only open shadow roots are seen (`el.shadowRoot` is null for closed ones).
 */

// Elements a shadow tree holds beside its content: styles, templates, and the slot that shows
// the host's light children.
const NOT_CONTENT = new Set(['STYLE', 'SCRIPT', 'LINK', 'TEMPLATE', 'SLOT']);
/** How many hosts a stand-in climbs (a card inside a frame inside an item component, …). */
const MAX_HOSTS = 4;

/** The parent whose children `el` is counted among: its parent element, or the shadow root it tops. */
export function containerOf(el: Element): Element | ShadowRoot | null {
  const parent = el.parentNode;
  if (!parent) return null;
  if (parent.nodeType === 1) return parent as Element;
  return parent.nodeType === 11 && (parent as ShadowRoot).host ? (parent as ShadowRoot) : null;
}

/** The only content element under a parent node (shadow root or element), or null. */
function soleContent(parent: ParentNode): Element | null {
  let found: Element | null = null;
  for (let c = parent.firstElementChild; c; c = c.nextElementSibling) {
    if (NOT_CONTENT.has(c.tagName)) continue;
    if (found) return null;
    found = c;
  }
  return found;
}

/** The host whose open shadow tree holds nothing but `el`, or null. */
function soleHostOf(el: Element): Element | null {
  const parent = el.parentNode;
  if (parent?.nodeType !== 11) return null;
  const host = (parent as ShadowRoot).host;
  return host && soleContent(parent as ShadowRoot) === el ? host : null;
}

export interface StandIn {
  /** `el`, or the outermost host whose shadow tree (through nested sole hosts) is `el` alone. */
  el: Element;
  /** Hosts climbed (0: `el` stands for itself). */
  depth: number;
}

/** What stands for `el` among its peers. */
export function standIn(el: Element): StandIn {
  const hosts = hostsOf(el);
  return { el: hosts[hosts.length - 1] ?? el, depth: hosts.length };
}

/** Back down from a peer of a stand-in: the element `depth` sole shadow contents below `peer`. */
export function standInContent(peer: Element, depth: number): Element | null {
  let cur: Element | null = peer;
  for (let d = 0; cur && d < depth; d++) {
    const root: ShadowRoot | null = cur.shadowRoot;
    cur = root ? soleContent(root) : null;
  }
  return cur;
}

/** The hosts `el` stands in for, innermost first (none for an element in the light DOM). */
export function hostsOf(el: Element): Element[] {
  const out: Element[] = [];
  for (let host = soleHostOf(el); host && out.length < MAX_HOSTS; host = soleHostOf(host)) out.push(host);
  return out;
}
