/**
 * An element of ours in a page we do not trust: an attribute-less host with a closed shadow
 * root. Everything the user would not want the page to read (percentages, titles, ratings,
 * reasons) lives inside the shadow; the light DOM holds only the empty host element.
 *
 * Styles come from a constructed stylesheet where the browser lets an isolated world adopt
 * one (it is also exempt from the page's CSP), or a `<style>` inside the shadow otherwise.
 * `:host` rules are `!important` so that they beat anything the page says about our host
 * (important declarations from the inner context win over the outer one, inline ones
 * included). Like Bitwarden's inline menu, a watcher strips any attribute the page puts on
 * the host, since an attribute (`hidden`, `inert`, `style`) is the page's only lever on it.
 */

export interface ShadowHost {
  /** The element placed in the page: no attributes, no light-DOM children, ever. */
  readonly host: HTMLElement;
  /** Where our own markup goes (inside the closed shadow root). */
  readonly mount: HTMLElement;
  readonly root: ShadowRoot;
  remove(): void;
}

const sheetCache = new WeakMap<object, Map<string, CSSStyleSheet | null>>();

function constructedSheet(win: Window & typeof globalThis, css: string): CSSStyleSheet | null {
  let perWindow = sheetCache.get(win);
  if (!perWindow) sheetCache.set(win, (perWindow = new Map()));
  if (perWindow.has(css)) return perWindow.get(css) ?? null;
  let sheet: CSSStyleSheet | null = null;
  try {
    const s = new win.CSSStyleSheet();
    s.replaceSync(css);
    sheet = s;
  } catch {
    sheet = null; // no constructable stylesheets in this realm: a <style> element is used instead
  }
  perWindow.set(css, sheet);
  return sheet;
}

function applyStyles(root: ShadowRoot, doc: Document, css: string) {
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  const sheet = win ? constructedSheet(win, css) : null;
  if (sheet) {
    try {
      root.adoptedStyleSheets = [sheet];
      if (root.adoptedStyleSheets.length === 1) return;
    } catch {
      // Firefox content scripts cannot set adoptedStyleSheets through the Xray wrapper.
    }
  }
  const style = doc.createElement('style');
  style.textContent = css;
  root.appendChild(style);
}

/** One observer for all our hosts: any attribute the page adds is removed again. */
const guards = new WeakMap<Document, { observer: MutationObserver | null }>();

function guard(host: HTMLElement, doc: Document) {
  let g = guards.get(doc);
  if (!g) {
    const MO = doc.defaultView?.MutationObserver ?? (typeof MutationObserver === 'function' ? MutationObserver : null);
    const observer = MO
      ? new MO((records) => {
          for (const r of records) {
            const el = r.target as Element;
            if (r.attributeName && el.hasAttribute(r.attributeName)) el.removeAttribute(r.attributeName);
          }
        })
      : null;
    g = { observer };
    guards.set(doc, g);
  }
  g.observer?.observe(host, { attributes: true });
}

/** Closed roots by host, for our own code (and tests) in the isolated world; the page has no way in. */
const roots = new WeakMap<Element, ShadowRoot>();
export function shadowRootOf(host: Element): ShadowRoot | undefined {
  return roots.get(host);
}

export function createShadowHost(doc: Document, tagName: string, css: string): ShadowHost {
  const host = doc.createElement(tagName);
  const root = host.attachShadow({ mode: 'closed' });
  roots.set(host, root);
  applyStyles(root, doc, css);
  const mount = doc.createElement('div');
  root.appendChild(mount);
  guard(host, doc);
  return {
    host,
    mount,
    root,
    remove: () => host.remove(),
  };
}

/** Where our hosts go: after `<body>`, as children of `<html>`, outside any site framework's root. */
export function hostParent(doc: Document): Element {
  return doc.documentElement ?? doc.body;
}
