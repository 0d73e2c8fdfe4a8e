// Hostile main-world script for /hostile. It (1) overrides DOM prototypes and globals that a
// careless content script might rely on, (2) mutates and churns tiles every animation frame,
// and (3) snoops for anything an extension leaks into the page, recording it in
// window.__hostile for end-to-end tests. It keeps private copies of the originals it needs.
(() => {
  'use strict';
  const orig = {
    qsa: Element.prototype.querySelectorAll,
    dqsa: Document.prototype.querySelectorAll,
    qs: Element.prototype.querySelector,
    dqs: Document.prototype.querySelector,
    fqsa: DocumentFragment.prototype.querySelectorAll,
    ael: EventTarget.prototype.addEventListener,
    attachShadow: Element.prototype.attachShadow,
    MutationObserver: window.MutationObserver,
    raf: window.requestAnimationFrame.bind(window),
    setAttribute: Element.prototype.setAttribute,
    appendChild: Node.prototype.appendChild,
    removeChild: Node.prototype.removeChild,
    jsonParse: JSON.parse,
    fetch: window.fetch && window.fetch.bind(window),
  };
  const log = {
    overridden: [],
    shadowHosts: 0,
    listenersAdded: 0,
    messages: [],
    findings: [],
    mutations: 0,
    churn: 0,
    errors: [],
    ready: false,
  };
  Object.defineProperty(window, '__hostile', { value: log, writable: false, configurable: false });
  const note = (name) => log.overridden.push(name);
  const finding = (kind, detail) => {
    if (log.findings.length < 200) log.findings.push({ kind, detail: String(detail).slice(0, 300), at: Date.now() });
  };

  // --- 1. Prototype and global overrides -------------------------------------------------
  // querySelectorAll / querySelector lie: they return nothing for tile-like selectors.
  const lie = (fn) =>
    function (selector) {
      if (typeof selector === 'string' && /tile|title|video|input|row|\[data-/i.test(selector)) {
        return fn === orig.qs || fn === orig.dqs ? null : document.createDocumentFragment().childNodes;
      }
      return fn.apply(this, arguments);
    };
  Element.prototype.querySelectorAll = lie(orig.qsa);
  Document.prototype.querySelectorAll = lie(orig.dqsa);
  Element.prototype.querySelector = lie(orig.qs);
  Document.prototype.querySelector = lie(orig.dqs);
  DocumentFragment.prototype.querySelectorAll = lie(orig.fqsa);
  note('querySelectorAll');
  note('querySelector');

  // addEventListener swallows listeners for interaction/media events.
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    log.listenersAdded++;
    if (/^(click|play|pause|timeupdate|ended|seeked|submit|input|visibilitychange|scroll)$/.test(type)) return undefined;
    return orig.ael.call(this, type, listener, options);
  };
  note('addEventListener');

  // MutationObserver that never reports anything.
  window.MutationObserver = class {
    constructor() {}
    observe() {}
    disconnect() {}
    takeRecords() {
      return [];
    }
  };
  note('MutationObserver');

  // attachShadow forced open, and every shadow root remembered, so the page can try to read it.
  const shadowRoots = [];
  Element.prototype.attachShadow = function (init) {
    log.shadowHosts++;
    const root = orig.attachShadow.call(this, { ...(init || {}), mode: 'open' });
    shadowRoots.push(root);
    return root;
  };
  note('attachShadow');

  // Globals a content script might call without thinking.
  JSON.parse = function () {
    throw new Error('JSON.parse disabled by hostile page');
  };
  JSON.stringify = () => '"hostile"';
  note('JSON');
  Array.prototype.includes = function () {
    return false;
  };
  note('Array.prototype.includes');
  window.IntersectionObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return [];
    }
  };
  note('IntersectionObserver');
  Object.defineProperty(HTMLMediaElement.prototype, 'currentTime', { get: () => 1e9, set: () => {}, configurable: true });
  Object.defineProperty(HTMLMediaElement.prototype, 'duration', { get: () => NaN, configurable: true });
  note('HTMLMediaElement.currentTime/duration');
  Object.defineProperty(Node.prototype, 'textContent', { get: () => '<img src=x onerror=alert("textContent")>', set: () => {}, configurable: true });
  note('Node.textContent');
  window.fetch = () => Promise.reject(new Error('fetch disabled by hostile page'));
  note('fetch');

  // --- 2. Snooping: anything an extension puts where the page can see it --------------------
  orig.ael.call(window, 'message', (e) => {
    if (log.messages.length < 100) {
      let data;
      try {
        data = typeof e.data === 'string' ? e.data : Object.prototype.toString.call(e.data);
      } catch {
        data = '?';
      }
      log.messages.push({ origin: e.origin, data: String(data).slice(0, 300) });
    }
  });
  for (const type of ['tasteful', 'tasteful:event', 'tasteful-ready']) {
    orig.ael.call(document, type, (e) => finding('custom-event', type + ' ' + e.type));
  }

  function snoop() {
    try {
      for (const root of shadowRoots) {
        const text = root.innerHTML;
        if (text) finding('open-shadow-root', text);
      }
      for (const el of orig.dqsa.call(document, '*')) {
        if (el.shadowRoot) finding('shadowRoot-visible', el.tagName + ' ' + el.shadowRoot.innerHTML);
        for (const attr of el.getAttributeNames()) {
          if (/tasteful|match|profile/i.test(attr)) finding('attribute', `${el.tagName} ${attr}=${el.getAttribute(attr)}`);
        }
      }
      const bodyText = document.body ? document.body.innerText : '';
      const m = /\b\d{1,3}% match\b/i.exec(bodyText);
      if (m) finding('visible-text', m[0]);
      for (let i = 0; i < localStorage.length; i++) finding('localStorage', localStorage.key(i));
      for (let i = 0; i < sessionStorage.length; i++) finding('sessionStorage', sessionStorage.key(i));
      if (document.cookie && document.cookie.replace(/(^|;\s*)theme=(light|dark)/, '').trim()) finding('cookie', document.cookie);
      if (indexedDB.databases) {
        indexedDB.databases().then((dbs) => dbs.forEach((db) => finding('indexedDB', db.name)), () => {});
      }
      for (const k of Object.getOwnPropertyNames(window)) {
        if (/tasteful/i.test(k) && k !== '__hostile') finding('global', k);
      }
    } catch (err) {
      log.errors.push(String(err));
    }
  }
  setInterval(snoop, 500);

  // --- 3. Mutating and churning tiles ------------------------------------------------------------
  function start() {
    const sample = orig.dqs.call(document, '#catalog-sample');
    const pool = sample ? Array.from(orig.fqsa.call(sample.content, 'a.tile')) : [];
    const mutating = Array.from(orig.dqsa.call(document, '#mutating a.tile'));
    const churnHost = orig.dqs.call(document, '#churn .row-items');
    let frame = 0;
    const step = () => {
      frame++;
      if (pool.length) {
        // Recycle the mutating tiles: a different title every frame, same elements.
        mutating.forEach((tileEl, i) => {
          const src = pool[(frame + i * 3) % pool.length];
          for (const a of ['data-title-id', 'data-year', 'data-kind', 'data-genres', 'data-description', 'href']) {
            orig.setAttribute.call(tileEl, a, src.getAttribute(a) || '');
          }
          const img = orig.qs.call(tileEl, 'img');
          const srcImg = orig.qs.call(src, 'img');
          if (img && srcImg) {
            orig.setAttribute.call(img, 'alt', srcImg.getAttribute('alt') || '');
            orig.setAttribute.call(img, 'src', srcImg.getAttribute('src') || '');
          }
          const cap = orig.qs.call(tileEl, '.tile-title');
          const srcCap = orig.qs.call(src, '.tile-title');
          if (cap && srcCap) cap.innerHTML = srcCap.innerHTML; // server-escaped markup from our own template
          log.mutations++;
        });
        // Churn: one tile added and (once there are 12) one removed, every frame.
        if (churnHost) {
          const clone = pool[frame % pool.length].cloneNode(true);
          orig.appendChild.call(churnHost, clone);
          if (churnHost.children.length > 12) orig.removeChild.call(churnHost, churnHost.firstElementChild);
          log.churn++;
        }
      }
      orig.raf(step);
    };
    orig.raf(step);
    log.ready = true;
  }
  if (document.readyState === 'loading') orig.ael.call(document, 'DOMContentLoaded', start, { once: true });
  else start();
})();
