/**
 * "Reelhouse", a single-page-app look-alike on the demo server (`/app`), built the way many
 * real streaming apps are and the demo's own pages are not: no link per tile, no demo marker,
 * no per-title metadata. Cards are `div`s with a delegated click listener (nothing in the DOM
 * shows it), one row is nothing but `img[alt]` posters, a Top 10 row pairs a rank digit with a
 * poster, and the player opens in place under a `#/watch/<id>` hash route while the document
 * title stays "Reelhouse"; only the media session (`navigator.mediaSession`, for the system's
 * media controls) names what plays, and "Next ›" moves the player on with no tile clicked. The
 * extension must read it with its generic adapter. The player's address opens it (a deep link,
 * a bookmark, a reload: no tile clicked), and `/app?quiet` sets no media session: then only the
 * title the player draws over its video says what plays.
 */
import { html } from './html.mjs';
import { shelves } from './rows.mjs';

export const APP_NAME = 'Reelhouse';

const poster = (id) => `/poster/${encodeURIComponent(id)}.svg`;

function card(t) {
  return html`<div class="rh-card" data-id="${t.id}" tabindex="0"><div class="rh-card__art"><img src="${poster(t.id)}" alt="" width="150" height="225" loading="lazy"></div><div class="rh-card__title">${t.title}</div><div class="rh-card__sub">${t.year ?? ''} · ${(t.genres ?? []).slice(0, 2).join(', ')}</div><span class="rh-card__add" role="button" tabindex="0" aria-label="Add to My List">+</span></div>`;
}

function posterOnly(t) {
  return html`<img class="rh-poster" data-id="${t.id}" src="${poster(t.id)}" alt="${t.title}" width="150" height="225" loading="lazy">`;
}

function topTen(t, rank) {
  return html`<div class="rh-top" data-id="${t.id}"><span class="rh-top__rank" aria-hidden="true">${rank}</span><img src="${poster(t.id)}" alt="${t.title}" width="150" height="225" loading="lazy"></div>`;
}

/** The rows of the app: three shelves of the home page, drawn three ways. */
export function appRows() {
  const { home } = shelves();
  return {
    cards: { name: 'Trending on Reelhouse', items: home[1].items.slice(0, 8) },
    posters: { name: 'Posters we love', items: home[2].items.slice(0, 8) },
    top: { name: 'Top 10 today', items: home[3].items.slice(0, 10) },
  };
}

export function appPage() {
  const rows = appRows();
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${APP_NAME}</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<div id="rh-root">
  <div class="rh-bar"><span class="rh-brand">${APP_NAME}</span><span class="rh-back" data-go="/" tabindex="0">Back to Tasteful Demo TV</span></div>
  <div id="rh-stage" class="rh-stage rh-player" hidden>
    <div class="rh-stage__head"><h2 class="rh-stage__title"></h2><span class="rh-stage__next" role="button" tabindex="0" aria-label="Play next">Next ›</span><span class="rh-stage__close" role="button" tabindex="0" aria-label="Close">×</span></div>
    <span class="rh-stage__ad" hidden>Ad</span>
    <video id="rh-video" class="rh-stage__video" controls preload="none"></video>
    <iframe class="rh-stage__frame" title="Player" hidden></iframe>
  </div>
  <div class="rh-rows">
    <div class="rh-row"><h3 class="rh-row__name">${rows.cards.name}</h3><div class="rh-row__items">${rows.cards.items.map(card)}</div></div>
    <div class="rh-row"><h3 class="rh-row__name">${rows.posters.name}</h3><div class="rh-row__items">${rows.posters.items.map(posterOnly)}</div></div>
    <div class="rh-row rh-row--top"><h3 class="rh-row__name">${rows.top.name}</h3><div class="rh-row__items">${rows.top.items.map((t, i) => topTen(t, i + 1))}</div></div>
  </div>
</div>
<script src="/static/app.js" defer></script>
</body>
</html>
`;
}

/**
 * The player page `/app?frame` frames into its stage, as apps that keep their player in a page
 * of its own do: a bare video that starts on load, no title on it (the page around it has the
 * title).
 */
export function embedPlayerPage() {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Player</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body class="rh-embed">
<video class="rh-embed__video" src="/media/demo.webm" autoplay controls playsinline></video>
</body>
</html>
`;
}
