// Reelhouse (/app): one delegated click listener, as a framework would attach it; no links.
(() => {
  'use strict';
  const stage = document.getElementById('rh-stage');
  const video = document.getElementById('rh-video');
  const heading = stage.querySelector('.rh-stage__title');
  const adLabel = stage.querySelector('.rh-stage__ad');
  // /app?ads: an ad-supported tier. A pre-roll plays in the player's own element before each
  // title, and the player's root says so while it does, as ad-supported players do.
  const withAds = new URLSearchParams(location.search).has('ads');
  // /app?frame: the player is a page of its own (/embed/player), framed into the stage.
  const frame = new URLSearchParams(location.search).has('frame') ? stage.querySelector('.rh-stage__frame') : null;
  // /app?quiet: no media session, as many players set none; the title over the player is all there is.
  const quiet = new URLSearchParams(location.search).has('quiet');
  if (frame) {
    video.hidden = true;
    frame.hidden = false;
  }

  function nameOf(el) {
    const line = el.querySelector('.rh-card__title');
    if (line) return line.textContent;
    const img = el.tagName === 'IMG' ? el : el.querySelector('img');
    return img ? img.alt : '';
  }

  let current = null;

  function open(el, byAddress = false) {
    const id = el.getAttribute('data-id');
    const name = nameOf(el);
    current = el;
    heading.textContent = name;
    stage.hidden = false;
    if (!byAddress) history.pushState({ id }, '', `#/watch/${encodeURIComponent(id)}`);
    // As real players do, for the system's media controls (the document title stays the app's).
    if (!quiet && 'mediaSession' in navigator) navigator.mediaSession.metadata = new MediaMetadata({ title: name, artist: 'Reelhouse' });
    if (frame) frame.src = `/embed/player?id=${encodeURIComponent(id)}`;
    else if (withAds) preroll(() => play());
    else play();
    window.scrollTo(0, 0);
  }

  function play() {
    video.src = '/media/demo.webm';
    video.play().catch((err) => console.warn('Reelhouse: play failed', err));
  }

  /** What plays when the pre-roll ends (null: no ad playing). */
  let afterAd = null;

  function preroll(then) {
    stage.classList.add('ad-showing');
    adLabel.hidden = false;
    afterAd = then;
    play();
  }

  function endAd() {
    stage.classList.remove('ad-showing');
    adLabel.hidden = true;
    afterAd = null;
  }

  video.addEventListener('ended', () => {
    const then = afterAd;
    if (!then) return;
    endAd();
    then();
  });

  /** "Next": the player moves on to the next title of the row, with no tile clicked. */
  function next() {
    const following = current && current.nextElementSibling;
    if (following && following.hasAttribute('data-id')) open(following);
  }

  function close() {
    endAd();
    if (frame) frame.src = 'about:blank';
    video.pause();
    video.removeAttribute('src');
    video.load();
    stage.hidden = true;
    history.pushState({}, '', '#/');
  }

  function activate(target) {
    if (target.closest('.rh-stage__close')) return close();
    if (target.closest('.rh-stage__next')) return next();
    if (target.closest('.rh-card__add')) return; // My List: not wired in the demo
    const go = target.closest('[data-go]');
    if (go) return void (location.href = go.getAttribute('data-go'));
    const tile = target.closest('[data-id]');
    if (tile) open(tile);
  }

  document.addEventListener('click', (e) => activate(e.target));
  document.addEventListener('keydown', (e) => {
    if ((e.key === 'Enter' || e.key === ' ') && e.target instanceof Element && e.target.hasAttribute('tabindex')) {
      e.preventDefault();
      activate(e.target);
    }
  });
  // The player's own address (a deep link, a bookmark, a reload) opens it with no tile clicked.
  const linked = /^#\/watch\/([\w-]+)$/.exec(location.hash);
  const linkedTile = linked && document.querySelector(`[data-id="${CSS.escape(linked[1])}"]`);
  if (linkedTile) open(linkedTile, true);

  window.addEventListener('popstate', () => {
    if (!location.hash.startsWith('#/watch/') && !stage.hidden) close();
  });
})();
