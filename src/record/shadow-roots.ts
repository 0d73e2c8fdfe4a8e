/**
 * Open shadow roots, for the tile scanner. Web-component apps (Lit, Stencil, Polymer) draw
 * their pages inside shadow roots, nested several levels deep; a MutationObserver on the
 * document does not see into them and `querySelectorAll` does not descend into them. So the
 * scanner treats each open shadow root like a document of its own: observed by the same
 * MutationObserver and scanned with `adapter.findTiles(root)`.
 *
 * Finding them stays cheap: hosts are looked for only in subtrees the page adds (and once in
 * the whole document when the scanner starts), by one TreeWalker over the subtree reading
 * `el.shadowRoot`; it does not enter the shadow roots it finds, each is walked when it is
 * scanned in turn. A page without shadow roots pays that walk and nothing else.
 *
 * A custom element the page defines after it was inserted gets its shadow root on upgrade,
 * which changes nothing a MutationObserver reports. Undefined custom elements (seen in the same
 * walk) are therefore watched — by default with a ResizeObserver: an upgraded element renders
 * its shadow tree and changes size — until they are defined, at most MAX_UPGRADE_WATCH at a time.
 *
 * Closed shadow roots are not seen (`shadowRoot` is null for them), and nothing of the page is
 * patched (no `attachShadow` wrapper): page scripts can see nothing of this.
 */

/** Undefined custom elements watched for an upgrade at once; beyond this they are left (a page of thousands of never-defined tags). */
export const MAX_UPGRADE_WATCH = 2_000;

/** Tells `onChange` when a watched element may have changed (been upgraded); `unwatch` after. */
export interface UpgradeWatch {
  watch(el: Element): void;
  unwatch(el: Element): void;
  disconnect(): void;
}
export type UpgradeWatchFactory = (onChange: (el: Element) => void) => UpgradeWatch;

/** Upgrades seen through size changes: an upgraded element renders its shadow tree. */
export const resizeUpgradeWatch: UpgradeWatchFactory = (onChange) => {
  if (typeof ResizeObserver === 'undefined') return { watch() {}, unwatch() {}, disconnect() {} };
  const ro = new ResizeObserver((entries) => {
    for (const e of entries) onChange(e.target);
  });
  return { watch: (el) => ro.observe(el), unwatch: (el) => ro.unobserve(el), disconnect: () => ro.disconnect() };
};

export interface ShadowRootsOptions {
  doc: Document;
  /** A new open shadow root: observe and scan it. `inserted` as for the subtree it was found in. */
  onRoot(root: ShadowRoot, inserted: boolean): void;
  watchUpgrades?: UpgradeWatchFactory;
  onError?(err: unknown): void;
}

export interface ShadowRoots {
  /** Looks for new open shadow roots on elements in or under `root` (not inside the roots found). */
  discover(root: Node, inserted: boolean): void;
  /** Open shadow roots found so far that are still in the document. */
  known(): ShadowRoot[];
  /** Elements walked so far (benchmarks, tests). */
  readonly walked: number;
  /** Forget every root and stop watching (the scanner restarts or stops). */
  reset(): void;
}

export function createShadowRoots(opts: ShadowRootsOptions): ShadowRoots {
  const { doc, onRoot } = opts;
  let seen = new WeakSet<ShadowRoot>();
  let roots = new Set<ShadowRoot>();
  let pruneAt = 64;
  let walked = 0;
  const waiting = new Set<Element>();
  let upgrades: UpgradeWatch | null = null;

  function found(root: ShadowRoot, inserted: boolean) {
    if (seen.has(root)) return;
    seen.add(root);
    roots.add(root);
    // Hosts the page dropped keep their roots alive here until the set is pruned.
    if (roots.size >= pruneAt) {
      for (const r of roots) if (!r.host.isConnected) roots.delete(r);
      pruneAt = Math.max(64, roots.size * 2);
    }
    onRoot(root, inserted);
  }

  function upgraded(el: Element) {
    const root = el.shadowRoot;
    if (root) found(root, true);
    // Defined now (with an open root, a closed one or none) or gone: nothing more to wait for.
    if (root || !el.isConnected || el.matches(':defined')) {
      waiting.delete(el);
      upgrades?.unwatch(el);
    }
  }

  let definedSupported = true;

  /** A custom element the page has not defined yet: its shadow root may come with the definition. */
  function maybeWaiting(el: Element) {
    if (!definedSupported || waiting.has(el)) return;
    try {
      if (el.matches(':defined')) return;
    } catch (err) {
      // A DOM without the :defined pseudo-class: late upgrades are then left to the next mutation.
      definedSupported = false;
      opts.onError?.(err);
      return;
    }
    // Full: drop elements the page removed before they were defined (no size change reports those).
    if (waiting.size >= MAX_UPGRADE_WATCH) {
      for (const w of waiting) if (!w.isConnected) upgraded(w);
      if (waiting.size >= MAX_UPGRADE_WATCH) return;
    }
    upgrades ??= (opts.watchUpgrades ?? resizeUpgradeWatch)(upgraded);
    waiting.add(el);
    upgrades.watch(el);
  }

  function check(el: Element, inserted: boolean) {
    const shadow = el.shadowRoot;
    if (shadow) found(shadow, inserted);
    // Only a custom element's name has a hyphen.
    else if (el.localName.includes('-')) maybeWaiting(el);
  }

  return {
    discover(root, inserted) {
      if (root.nodeType !== 1 && root.nodeType !== 9 && root.nodeType !== 11) return;
      // Most added nodes are leaves (a parser inserts each element empty, its children after).
      if (root.nodeType === 1 && !(root as Element).firstElementChild) {
        walked++;
        check(root as Element, inserted);
        return;
      }
      const walker = doc.createTreeWalker(root, 1 /* NodeFilter.SHOW_ELEMENT */);
      for (let node: Node | null = root.nodeType === 1 ? root : walker.nextNode(); node; node = walker.nextNode()) {
        walked++;
        check(node as Element, inserted);
      }
    },
    known() {
      return [...roots].filter((r) => r.host.isConnected);
    },
    get walked() {
      return walked;
    },
    reset() {
      seen = new WeakSet();
      roots = new Set();
      pruneAt = 64;
      waiting.clear();
      upgrades?.disconnect();
      upgrades = null;
    },
  };
}
