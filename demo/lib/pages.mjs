/**
 * Server-rendered pages of the demo streaming site ("Tasteful Demo TV").
 * All interpolation goes through `html` (escapes by default). Markup contract for adapters:
 *   - every page: <meta name="tasteful-demo" content="1">
 *   - tile: <a class="tile" data-title-id data-year data-kind data-genres data-description href="/title/<id>">
 *             <img alt="<title>" src="/poster/<id>.svg" loading="lazy">
 *             <span class="caption"><span class="tile-title">…</span> <span class="tile-year">…</span></span></a>
 *   - row: <section class="row" data-row="<name>"><h2>…</h2><div class="row-items">tiles</div></section>
 *   - title/watch page: <main data-page="title|watch" data-title-id data-title data-year data-kind
 *             data-genres data-description> + JSON-LD + Open Graph
 *   - player: <video id="player" class="player" data-title-id src="/media/demo.webm" controls>
 */
import { html, raw, jsonForScript } from './html.mjs';
import { shelves, moreLikeThis, searchCatalog } from './rows.mjs';
import { CATALOG, GENRES } from '../catalog.mjs';
import { HOSTILE } from './hostile.mjs';

export const SITE_NAME = 'Tasteful Demo TV';

/** @typedef {{origin: string, theme: 'dark'|'light', path: string}} Ctx */

const posterUrl = (id) => `/poster/${encodeURIComponent(id)}.svg`;
const titleUrl = (id) => `/title/${encodeURIComponent(id)}`;
const watchUrl = (id) => `/watch/${encodeURIComponent(id)}`;

export function layout(ctx, { title, head = '', body, bodyClass = '', scripts = ['/static/site.js'], headScripts = [] }) {
  const light = ctx.theme === 'light';
  return html`<!doctype html>
<html lang="en" class="${light ? 'theme-light' : 'theme-dark'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="${light ? 'light' : 'dark'}">
<meta name="tasteful-demo" content="1">
<title>${title ? `${title} · ${SITE_NAME}` : SITE_NAME}</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/site.css">
${headScripts.map((src) => html`<script src="${src}"></script>\n`)}${head}
</head>
<body class="${bodyClass}">
<header class="site-header">
  <a class="logo" href="/">Tasteful<span>Demo TV</span></a>
  <nav class="nav">
    <a href="/">Home</a>
    <a href="/search?q=series">Series</a>
    <a href="/search?q=documentary">Documentaries</a>
    <a href="/app">Reelhouse app</a>
  </nav>
  <form role="search" action="/search" method="get" class="search-form">
    <label class="visually-hidden" for="site-search">Search titles</label>
    <input id="site-search" type="search" name="q" placeholder="Titles, genres, moods…" autocomplete="off" value="${ctx.query ?? ''}">
    <button type="submit">Search</button>
  </form>
  <a class="theme-toggle" href="?theme=${light ? 'dark' : 'light'}" rel="nofollow">${light ? 'Dark' : 'Light'} mode</a>
</header>
${body}
<footer class="site-footer"><p>${SITE_NAME} is a local demo site for the Tasteful extension. No real streaming, no tracking, nothing leaves this machine.</p></footer>
${scripts.map((src) => html`<script src="${src}" defer></script>\n`)}</body>
</html>
`;
}

/** One title tile (the markup contract). */
export function tile(t, { hoverOnly = false, id = t.id, href = titleUrl(id) } = {}) {
  return html`<a class="${hoverOnly ? 'tile hover-only' : 'tile'}" data-title-id="${id}" data-year="${t.year ?? ''}" data-kind="${t.kind ?? ''}" data-genres="${(t.genres ?? []).join(',')}" data-description="${t.description ?? ''}" href="${href}"><img alt="${t.title}" src="${posterUrl(id)}" loading="lazy" width="150" height="225"><span class="caption"><span class="tile-title">${t.title}</span> <span class="tile-year">${t.year ?? ''}</span></span></a>`;
}

export function row(name, items, opts = {}) {
  const hoverEvery = opts.hoverEvery ?? 0;
  return html`<section class="row" data-row="${name}">
<h2>${name}</h2>
<div class="row-items">${items.map((t, i) => tile(t, { hoverOnly: hoverEvery > 0 && i % hoverEvery === hoverEvery - 1 }))}</div>
</section>
`;
}

function hero(t) {
  return html`<section class="hero" data-title-id="${t.id}">
  <img class="hero-poster" alt="${t.title}" src="${posterUrl(t.id)}" width="200" height="300">
  <div class="hero-text">
    <p class="eyebrow">Featured ${t.kind === 'series' ? 'series' : 'film'}</p>
    <h1>${t.title}</h1>
    <p class="meta">${t.year} · ${t.genres.join(' · ')}</p>
    <p class="desc">${t.description}</p>
    <p><a class="button play" href="${watchUrl(t.id)}">▶ Play</a> <a class="button secondary" href="${titleUrl(t.id)}">More info</a></p>
  </div>
</section>
`;
}

export function homePage(ctx) {
  const { home, more } = shelves();
  const featured = home[0].items[0];
  const body = html`<main data-page="home">
${hero(featured)}
<div class="rows">
${home.map((r) => row(r.name, r.items, { hoverEvery: 7 }))}
</div>
<div id="more-rows" data-next-page="2" data-pages="${more.length + 1}">
  <noscript><p><a href="/?page=2">More rows</a></p></noscript>
  <a class="more-link" href="/?page=2">More rows…</a>
</div>
</main>
`;
  return layout(ctx, { title: '', body, bodyClass: 'page-home' });
}

/** Home page 2, 3, ...: the lazily loaded extra shelves (also a full page without JS). */
export function moreRowsFragment(page) {
  const { more } = shelves();
  const group = more[page - 2];
  if (!group) return null;
  const next = page + 1 <= more.length + 1 ? page + 1 : null;
  return {
    html: html`${group.map((r) => row(r.name, r.items, { hoverEvery: 9 }))}`,
    next,
  };
}

export function morePage(ctx, page) {
  const frag = moreRowsFragment(page);
  if (!frag) return null;
  const body = html`<main data-page="home-more"><div class="rows">${frag.html}</div>
${frag.next ? html`<p><a class="more-link" href="/?page=${frag.next}">More rows…</a></p>` : ''}</main>`;
  return layout(ctx, { title: `More to watch (${page})`, body, bodyClass: 'page-home' });
}

export function searchResultsFragment(query, { includeHostile = false } = {}) {
  const list = includeHostile ? [...CATALOG, ...HOSTILE] : CATALOG;
  const results = query.trim() ? searchCatalog(query, list) : [];
  if (!query.trim()) {
    return html`<p class="hint">Type a title, a genre or a mood. Try one of these:</p>
<ul class="chips">${GENRES.map((g) => html`<li><a href="/search?q=${encodeURIComponent(g)}">${g}</a></li>`)}</ul>`;
  }
  if (results.length === 0) return html`<p class="no-results">No titles match “${query}”.</p>`;
  return html`<p class="result-count">${results.length} ${results.length === 1 ? 'title matches' : 'titles match'} “${query}”</p>
<section class="row grid" data-row="Search results"><h2 class="visually-hidden">Search results</h2><div class="row-items">${results.map((t) => tile(t))}</div></section>`;
}

export function searchPage(ctx, query, opts) {
  const body = html`<main data-page="search" data-query="${query}">
<h1>${query.trim() ? html`Results for “<span class="query">${query}</span>”` : 'Search'}</h1>
<form role="search" action="/search" method="get" class="search-form big">
  <input type="search" name="q" value="${query}" aria-label="Search titles" autocomplete="off">
  <button type="submit">Search</button>
</form>
<div id="results">${searchResultsFragment(query, opts)}</div>
</main>`;
  return layout({ ...ctx, query }, { title: query ? `Search: ${query}` : 'Search', body, bodyClass: 'page-search' });
}

function jsonLd(ctx, t) {
  const data = {
    '@context': 'https://schema.org',
    '@type': t.kind === 'series' ? 'TVSeries' : 'Movie',
    '@id': `${ctx.origin}${titleUrl(t.id)}`,
    url: `${ctx.origin}${titleUrl(t.id)}`,
    name: t.title,
    datePublished: String(t.year),
    genre: [...t.genres],
    description: t.description,
    image: `${ctx.origin}${posterUrl(t.id)}`,
    ...(t.kind === 'series' && t.seasons ? { numberOfSeasons: t.seasons } : {}),
  };
  return raw(`<script type="application/ld+json">${jsonForScript(data)}</script>`);
}

function metaTags(ctx, t) {
  return html`<meta property="og:type" content="${t.kind === 'series' ? 'video.tv_show' : 'video.movie'}">
<meta property="og:title" content="${t.title}">
<meta property="og:description" content="${t.description}">
<meta property="og:image" content="${ctx.origin}${posterUrl(t.id)}">
<meta property="og:url" content="${ctx.origin}${titleUrl(t.id)}">
<meta property="og:site_name" content="${SITE_NAME}">
<meta name="description" content="${t.description}">
${jsonLd(ctx, t)}
`;
}

function mainAttrs(t) {
  return html`data-title-id="${t.id}" data-title="${t.title}" data-year="${t.year}" data-kind="${t.kind}" data-genres="${t.genres.join(',')}" data-description="${t.description}"`;
}

function episodeList(t) {
  if (t.kind !== 'series' || !t.seasons) return '';
  const seasons = [];
  for (let s = 1; s <= t.seasons; s++) {
    const eps = [];
    for (let e = 1; e <= t.episodesPerSeason; e++) {
      eps.push(html`<li><a class="episode" href="${watchUrl(t.id)}?s=${s}&amp;e=${e}" data-season="${s}" data-episode="${e}">Episode ${e}</a></li>`);
    }
    seasons.push(html`<details${s === 1 ? raw(' open') : ''}><summary>Season ${s}</summary><ol class="episodes">${eps}</ol></details>`);
  }
  return html`<section class="episodes-list"><h2>Episodes</h2>${seasons}</section>`;
}

export function titlePage(ctx, t) {
  const body = html`<main data-page="title" ${mainAttrs(t)}>
<article class="title-details">
  <img class="title-poster" alt="${t.title}" src="${posterUrl(t.id)}" width="200" height="300">
  <div class="title-text">
    <h1 class="title-name">${t.title}</h1>
    <p class="meta"><span class="year">${t.year}</span> · <span class="kind">${t.kind === 'series' ? `Series · ${t.seasons ?? 1} season${(t.seasons ?? 1) > 1 ? 's' : ''}` : 'Film'}</span></p>
    <p class="genres">${t.genres.map((g, i) => html`${i ? ' · ' : ''}<a class="genre" href="/search?q=${encodeURIComponent(g)}">${g}</a>`)}</p>
    <p class="desc">${t.description}</p>
    <p><a class="button play" href="${watchUrl(t.id)}">▶ Play</a></p>
  </div>
</article>
${episodeList(t)}
${t.id.startsWith('hostile-') ? '' : row('More like this', moreLikeThis(t))}
</main>`;
  return layout(ctx, { title: t.title, head: metaTags(ctx, t), body, bodyClass: 'page-title' });
}

export function watchPage(ctx, t, { autoplay = false, muted = false, season = null, episode = null, start = null } = {}) {
  const ep = t.kind === 'series' && season && episode ? html` <span class="episode-label">S${season}:E${episode}</span>` : '';
  const src = `/media/demo.webm${start ? `#t=${start}` : ''}`;
  const body = html`<main data-page="watch" ${mainAttrs(t)}>
<div class="player-wrap">
<video id="player" class="player" data-title-id="${t.id}"${season ? html` data-season="${season}"` : ''}${episode ? html` data-episode="${episode}"` : ''} src="${src}" controls preload="metadata" playsinline poster="${posterUrl(t.id)}"${autoplay ? raw(' autoplay data-autoplay="1"') : ''}${muted ? raw(' muted data-muted="1"') : ''}></video>
</div>
<h1 class="watch-title"><a href="${titleUrl(t.id)}">${t.title}</a>${ep}</h1>
<p class="meta">${t.year} · ${t.genres.join(' · ')}</p>
<p class="desc">${t.description}</p>
${t.id.startsWith('hostile-') ? '' : row('Up next', moreLikeThis(t, 12))}
</main>`;
  return layout(ctx, { title: `Watching ${t.title}`, head: metaTags(ctx, t), body, bodyClass: 'page-watch' });
}

/** n tiles in rows of 50, for performance tests. Ids beyond the catalog get a `-r<k>` suffix. */
export function stressPage(ctx, n) {
  const rows = [];
  for (let start = 0; start < n; start += 50) {
    const items = [];
    for (let i = start; i < Math.min(n, start + 50); i++) {
      const t = CATALOG[i % CATALOG.length];
      const round = Math.floor(i / CATALOG.length);
      const id = round === 0 ? t.id : `${t.id}-r${round}`;
      items.push(tile(t, { id, hoverOnly: i % 11 === 10 }));
    }
    rows.push(
      html`<section class="row" data-row="Stress row ${start / 50 + 1}"><h2>Stress row ${start / 50 + 1}</h2><div class="row-items">${items}</div></section>\n`,
    );
  }
  const body = html`<main data-page="stress" data-count="${n}"><h1>${n} tiles</h1>${rows}</main>`;
  return layout(ctx, { title: `Stress (${n})`, body, bodyClass: 'page-stress', scripts: [] });
}

export function hostilePage(ctx) {
  const hostileTiles = HOSTILE.map((t) => tile(t));
  const special = [
    // Hrefs that must never be followed or stored as a title URL.
    tile(
      { title: 'Click me (javascript: URL)', year: 2011, kind: 'movie', genres: ['Comedy'], description: 'href is javascript:' },
      { id: 'hostile-js-href', href: 'javascript:alert(document.domain)' },
    ),
    tile(
      { title: 'Data URL tile', year: 2012, kind: 'movie', genres: ['Drama'], description: 'href is data:' },
      { id: 'hostile-data-href', href: 'data:text/html,<script>alert(1)</script>' },
    ),
    tile(
      { title: 'Id with markup', year: 2013, kind: 'movie', genres: ['Drama'], description: 'data-title-id holds markup' },
      { id: '"><img src=x onerror=alert(1)>', href: '/title/hostile-script' },
    ),
    tile(
      { title: 'Very long id', year: 2014, kind: 'movie', genres: ['Drama'], description: 'data-title-id is 5000 characters' },
      { id: 'x'.repeat(5000), href: '/title/hostile-long' },
    ),
    tile(
      {
        title: 'Bad metadata',
        year: '99999',
        kind: 'documentary<script>',
        genres: Array.from({ length: 200 }, (_, i) => `Genre${i}`),
        description: 'd'.repeat(20_000),
      },
      { id: 'hostile-bad-meta', href: '/title/hostile-proto' },
    ),
    tile({ title: '', year: -5, kind: '', genres: [], description: '' }, { id: 'hostile-empty', href: '/title/hostile-empty' }),
    tile({ title: '   \n\t  ', year: 'abc', kind: 'movie', genres: [',,,'], description: null }, { id: '   ', href: '' }),
  ];
  // Tiles that hostile.js rewrites every animation frame (ids, alt text and captions change).
  const mutating = CATALOG.slice(0, 8).map((t) => tile(t));
  const badLd = [
    // Malformed JSON-LD: adapters must survive it.
    raw('<script type="application/ld+json">{ "@type": "Movie", "name": "broken json </script>'),
    raw(
      `<script type="application/ld+json">${jsonForScript({ '@context': 'https://schema.org', '@type': 'Movie', name: HOSTILE[1].title, description: HOSTILE[0].title, genre: HOSTILE[2].title })}</script>`,
    ),
  ];
  const body = html`<main data-page="hostile">
<h1>Hostile page</h1>
<p class="hint">This page attacks the extension: markup in titles, script-looking text, javascript: links, a 100 kB title,
bidi and emoji text, tiles that mutate every frame, and a main-world script that overrides DOM prototypes and snoops for
anything the extension leaks (see <code>window.__hostile</code>).</p>
<section class="row" data-row="Hostile titles"><h2>Hostile titles</h2><div class="row-items">${hostileTiles}</div></section>
<section class="row" data-row="${'<script>alert("row")</script>'}"><h2>Special tiles</h2><div class="row-items">${special}</div></section>
<section class="row" id="mutating" data-row="Mutating tiles"><h2>Mutating tiles</h2><div class="row-items">${mutating}</div></section>
<section class="row" id="churn" data-row="Churning tiles"><h2>Churning tiles</h2><div class="row-items"></div></section>
<template id="catalog-sample">${CATALOG.slice(8, 40).map((t) => tile(t))}</template>
</main>`;
  return layout(ctx, {
    title: 'Hostile',
    head: html`${badLd}`,
    body,
    bodyClass: 'page-hostile',
    // Runs first, in <head>, so its prototype overrides are in place before anything else.
    headScripts: ['/static/hostile.js'],
    scripts: [],
  });
}

export function notFoundPage(ctx, what) {
  const body = html`<main data-page="not-found"><h1>Not found</h1><p>Nothing lives at <code>${what}</code>.</p><p><a href="/">Back to the home page</a></p></main>`;
  return layout(ctx, { title: 'Not found', body, bodyClass: 'page-404' });
}
