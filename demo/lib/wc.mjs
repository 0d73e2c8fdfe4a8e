/**
 * "Marquee", a web-component streaming app on the demo server (`/wc`), built the way apps made
 * with Lit, Stencil or Polymer are: the whole page is custom elements with open shadow roots,
 * nested several levels deep (`mq-app` → `mq-row` → `mq-card`, and `mq-tile` → `mq-frame` for
 * the link row), so nothing of a title is in the document's own tree. The elements are defined
 * by a bundle that arrives late (after DOMContentLoaded), each row draws its cards a moment
 * after it is attached (as after a fetch), cards are link-less hosts with a click listener,
 * and a click opens the player — a component too, its `<video>` inside its own shadow root —
 * under `#/watch/<id>` (that address opens it too, with no card clicked) while the document title
 * stays "Marquee". No demo marker: the extension
 * reads it with its generic adapter.
 *
 * The page is one HTML document with an inline script (a fixture for the e2e tests); titles
 * travel as JSON in a data block and are only ever set as text.
 */
import { html, jsonForScript, raw } from './html.mjs';
import { shelves } from './rows.mjs';

export const WC_NAME = 'Marquee';

/** The rows the app draws: two link-less card rows and a row of link posters. */
export function wcRows() {
  const { home } = shelves();
  const pick = (items) => items.slice(0, 8).map((t) => ({ id: t.id, title: t.title, year: t.year, genres: (t.genres ?? []).slice(0, 2) }));
  return [
    { name: 'Tonight on Marquee', kind: 'cards', items: pick(home[4].items) },
    { name: 'Critics’ picks', kind: 'cards', items: pick(home[5].items) },
    { name: 'Browse the library', kind: 'links', items: pick(home[6].items) },
  ];
}

// The app, as its (late) bundle would define it. Plain DOM calls and textContent only.
const SCRIPT = `(() => {
  'use strict';
  const DATA = JSON.parse(document.getElementById('mq-data').textContent);
  const poster = (id) => '/poster/' + encodeURIComponent(id) + '.svg';
  function make(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text != null) e.textContent = text;
    return e;
  }
  const style = (css) => make('style', null, css);

  // A title card: poster, name, year; the host is focusable and a click anywhere on it plays the title.
  class MqCard extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot || !this.item) return;
      const t = this.item;
      const root = this.attachShadow({ mode: 'open' });
      root.append(style(':host{display:block;flex:0 0 150px;cursor:pointer}img{width:150px;height:225px;border-radius:8px;display:block}.card__title{font-size:13px;margin-top:4px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}.card__meta{font-size:12px;color:#9aa}'));
      const card = make('div', { class: 'card' });
      card.append(make('img', { src: poster(t.id), alt: '', width: 150, height: 225 }), make('div', { class: 'card__title' }, t.title), make('div', { class: 'card__meta' }, t.year + ' · ' + t.genres.join(', ')));
      root.append(card);
      this.tabIndex = 0;
      const play = () => this.dispatchEvent(new CustomEvent('mq-play', { bubbles: true, composed: true, detail: t }));
      this.addEventListener('click', play);
      this.addEventListener('keydown', (e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), play()));
    }
  }
  // A poster link, drawn by a frame component inside an item component.
  class MqFrame extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot || !this.item) return;
      const t = this.item;
      const root = this.attachShadow({ mode: 'open' });
      root.append(style(':host{display:block}a{color:inherit;text-decoration:none;display:block;width:150px}img{width:150px;height:225px;border-radius:8px;display:block}'));
      const a = make('a', { class: 'frame', href: '/title/' + encodeURIComponent(t.id) });
      a.append(make('img', { src: poster(t.id), alt: '', width: 150, height: 225 }), make('span', { class: 'frame__name' }, t.title));
      root.append(a);
    }
  }
  class MqTile extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot || !this.item) return;
      const root = this.attachShadow({ mode: 'open' });
      root.append(style(':host{display:block;flex:0 0 150px}'));
      const frame = document.createElement('mq-frame');
      frame.item = this.item;
      root.append(frame);
    }
  }
  // A row: heading now, cards a moment later (as after a fetch).
  class MqRow extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot || !this.row) return;
      const root = this.attachShadow({ mode: 'open' });
      root.append(style(':host{display:block;margin:18px 0}h2{font-size:18px;margin:0 0 8px}.track{display:flex;gap:12px;overflow-x:auto;padding-bottom:6px}'));
      root.append(make('h2', null, this.row.name));
      const track = make('div', { class: 'track' });
      root.append(track);
      setTimeout(() => {
        for (const item of this.row.items) {
          const el = document.createElement(this.row.kind === 'links' ? 'mq-tile' : 'mq-card');
          el.item = item;
          track.append(el);
        }
      }, 150);
    }
  }
  // The player: title, video and close button, all inside its shadow root.
  class MqPlayer extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      const root = this.attachShadow({ mode: 'open' });
      root.append(style(':host{display:block}.stage{padding:16px 24px;background:#000}.stage[hidden]{display:none}.head{display:flex;justify-content:space-between;align-items:center}.close{cursor:pointer;font-size:24px;padding:0 8px}video{width:100%;max-width:720px;display:block}'));
      this.stage = make('div', { class: 'stage', hidden: '' });
      const head = make('div', { class: 'head' });
      this.heading = make('h2', { class: 'title' });
      const close = make('span', { class: 'close', role: 'button', tabindex: 0, 'aria-label': 'Close' }, '×');
      close.addEventListener('click', () => this.close());
      head.append(this.heading, close);
      this.video = make('video', { controls: '', preload: 'none' });
      this.stage.append(head, this.video);
      root.append(this.stage);
    }
    open(t, byAddress = false) {
      this.heading.textContent = t.title;
      this.stage.hidden = false;
      if (!byAddress) history.pushState({ id: t.id }, '', '#/watch/' + encodeURIComponent(t.id));
      this.video.src = '/media/demo.webm';
      this.video.play().catch((err) => console.warn('Marquee: play failed', err));
      window.scrollTo(0, 0);
    }
    close() {
      this.video.pause();
      this.video.removeAttribute('src');
      this.video.load();
      this.stage.hidden = true;
      history.pushState({}, '', '#/');
    }
  }
  class MqApp extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      const root = this.attachShadow({ mode: 'open' });
      root.append(style(':host{display:block}header{display:flex;gap:24px;align-items:center;padding:14px 24px;background:#1d1a2b}.brand{font-weight:700;font-size:20px;color:#ff7a59}nav a{color:#bbc;margin-right:14px}main{padding:4px 24px 40px}'));
      const bar = make('header');
      const nav = make('nav');
      nav.append(make('a', { href: '/' }, 'Back to Tasteful Demo TV'), make('a', { href: '#/' }, 'Home'));
      bar.append(make('span', { class: 'brand' }, ${JSON.stringify(WC_NAME)}), nav);
      const main = make('main');
      for (const row of DATA.rows) {
        const el = document.createElement('mq-row');
        el.row = row;
        main.append(el);
      }
      const player = document.createElement('mq-player');
      root.append(player, bar, main);
      this.addEventListener('mq-play', (e) => player.open(e.detail));
      // The player's own address (a deep link, a bookmark, a reload) opens it with no card clicked.
      const linked = location.hash.startsWith('#/watch/') ? location.hash.slice('#/watch/'.length) : null;
      const item = linked && DATA.rows.flatMap((r) => r.items).find((i) => i.id === linked);
      if (item) player.open(item, true);
    }
  }

  // The bundle arrives late: the elements in the page upgrade after the document is parsed.
  const define = () => {
    customElements.define('mq-card', MqCard);
    customElements.define('mq-frame', MqFrame);
    customElements.define('mq-tile', MqTile);
    customElements.define('mq-player', MqPlayer);
    customElements.define('mq-row', MqRow);
    customElements.define('mq-app', MqApp);
  };
  const later = () => setTimeout(define, 300);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', later, { once: true });
  else later();
})();`;

export function wcPage() {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${WC_NAME}</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<style>body{margin:0;font:15px/1.4 system-ui,sans-serif;background:#121019;color:#eee}</style>
</head>
<body>
<mq-app></mq-app>
<script type="application/json" id="mq-data">${raw(jsonForScript({ rows: wcRows() }))}</script>
<script>${raw(SCRIPT)}</script>
</body>
</html>
`;
}
