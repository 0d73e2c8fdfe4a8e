// Tasteful Demo TV: small progressive enhancements. Pages work without this file.
(() => {
  'use strict';
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

  // Row arrows for horizontal scrolling.
  function enhanceRows(root) {
    for (const row of $$('.row:not(.grid)', root)) {
      if (row.dataset.enhanced) continue;
      row.dataset.enhanced = '1';
      const items = $('.row-items', row);
      if (!items) continue;
      for (const dir of ['prev', 'next']) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = `row-scroll ${dir}`;
        b.setAttribute('aria-label', dir === 'prev' ? 'Scroll left' : 'Scroll right');
        b.textContent = dir === 'prev' ? '‹' : '›';
        b.addEventListener('click', () => items.scrollBy({ left: (dir === 'prev' ? -1 : 1) * items.clientWidth * 0.8 }));
        row.appendChild(b);
      }
    }
  }
  enhanceRows(document);

  // '/' focuses the search box.
  document.addEventListener('keydown', (e) => {
    if (e.key === '/' && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)) {
      const input = $('input[type="search"]');
      if (input) {
        e.preventDefault();
        input.focus();
      }
    }
  });

  // Live search on the search page: results update as you type, URL follows (history.replaceState).
  const results = $('#results');
  if (results) {
    let timer = 0;
    let seq = 0;
    const inputs = $$('input[type="search"][name="q"]');
    const update = async (q) => {
      const my = ++seq;
      const params = new URLSearchParams(location.search);
      params.set('q', q);
      const res = await fetch(`/fragment/search?${params}`, { headers: { accept: 'text/html' } });
      if (!res.ok || my !== seq) return;
      // The fragment is server-rendered and escaped like every page.
      results.innerHTML = await res.text();
      history.replaceState(null, '', `/search?${params}`);
      const h1 = $('main h1');
      if (h1) h1.textContent = q.trim() ? `Results for “${q}”` : 'Search';
      document.title = `${q ? `Search: ${q}` : 'Search'} · Tasteful Demo TV`;
    };
    for (const input of inputs) {
      input.addEventListener('input', () => {
        for (const other of inputs) if (other !== input) other.value = input.value;
        clearTimeout(timer);
        timer = setTimeout(() => update(input.value), 250);
      });
    }
  }

  // Home: load more shelves when the end of the page comes into view.
  const more = $('#more-rows');
  if (more && 'IntersectionObserver' in window) {
    const rowsHost = $('.rows');
    let loading = false;
    const io = new IntersectionObserver(async (entries) => {
      if (!entries.some((e) => e.isIntersecting) || loading) return;
      const page = Number(more.dataset.nextPage);
      if (!page) return io.disconnect();
      loading = true;
      try {
        const res = await fetch(`/fragment/rows?page=${page}`);
        if (res.status !== 200) {
          more.dataset.nextPage = '';
          more.remove();
          return io.disconnect();
        }
        const tpl = document.createElement('template');
        tpl.innerHTML = await res.text();
        const added = document.createElement('div');
        added.className = 'rows-page';
        added.dataset.page = String(page);
        added.append(tpl.content);
        rowsHost.append(added);
        enhanceRows(added);
        const next = res.headers.get('x-next-page');
        more.dataset.nextPage = next || '';
        const link = $('.more-link', more);
        if (next && link) link.href = `/?page=${next}`;
        else more.remove();
      } finally {
        loading = false;
      }
    }, { rootMargin: '400px' });
    io.observe(more);
  }

  // Hover previews: after 900 ms on a tile, a muted preview clip plays inside it (not the main player).
  let hoverTimer = 0;
  document.addEventListener('mouseover', (e) => {
    const tile = e.target instanceof Element ? e.target.closest('a.tile') : null;
    if (!tile || tile.querySelector('video.preview') || document.body.classList.contains('page-watch')) return;
    clearTimeout(hoverTimer);
    hoverTimer = setTimeout(() => {
      if (!tile.matches(':hover')) return;
      const v = document.createElement('video');
      v.className = 'preview';
      v.muted = true;
      v.autoplay = true;
      v.loop = true;
      v.playsInline = true;
      v.dataset.titleId = tile.dataset.titleId || '';
      v.src = '/media/demo.webm#t=20';
      tile.appendChild(v);
      const leave = () => {
        v.pause();
        v.removeAttribute('src');
        v.load();
        v.remove();
        tile.removeEventListener('mouseleave', leave);
      };
      tile.addEventListener('mouseleave', leave);
    }, 900);
  });

  // Watch page: ?autoplay=1 and ?muted=1 (the server also sets the attributes), ?t=<seconds>.
  const player = $('video#player');
  if (player) {
    const params = new URLSearchParams(location.search);
    if (params.get('muted') === '1') player.muted = true;
    const t = Number(params.get('t'));
    if (t > 0) player.addEventListener('loadedmetadata', () => { player.currentTime = t; }, { once: true });
    if (params.get('autoplay') === '1') {
      const go = () => player.play().catch(() => {
        // Autoplay with sound was blocked: retry muted, as real sites do.
        player.muted = true;
        return player.play().catch(() => {});
      });
      if (player.readyState >= 2) go();
      else player.addEventListener('canplay', go, { once: true });
    }
  }
})();
