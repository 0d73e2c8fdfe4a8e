// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createTileScanner, PROMPT_TILES, SLICE_BUDGET_MS, type TileListener } from './tile-scanner';
import { fakeAdapter, fakeClock, manualIdle, settle } from '../../test/support/record-test-utils';

function tilesHtml(n: number, from = 0, row = 'Popular') {
  let html = `<section data-row="${row}">`;
  for (let i = from; i < from + n; i++) html += `<a class="tile" data-id="m${i}" href="/title/m${i}"><img alt=""><span>Movie ${i}</span></a>`;
  return html + '</section>';
}

function recorder() {
  const events: string[] = [];
  const listener: TileListener = {
    onTile: (_el, info, row) => events.push(`tile ${info.siteItemId} ${row}`),
    onTileChanged: (_el, info, _row, prev) => events.push(`changed ${prev}->${info.siteItemId}`),
    onTileCleared: (_el, prev) => events.push(`cleared ${prev}`),
  };
  return { events, listener };
}

function setup(opts: { budget?: number } = {}) {
  const adapter = fakeAdapter();
  const idle = manualIdle();
  const clock = fakeClock();
  const slices: number[] = [];
  const errors: unknown[] = [];
  const life = new AbortController();
  const scanner = createTileScanner({
    adapter,
    doc: document,
    signal: life.signal,
    idle,
    clock,
    sliceBudgetMs: opts.budget,
    onSlice: (ms) => slices.push(ms),
    onError: (e) => errors.push(e),
  });
  return { adapter, idle, clock, slices, errors, life, scanner };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('tile scanner', () => {
  it('finds the tiles already on the page, in idle time, with their row', async () => {
    document.body.innerHTML = tilesHtml(3);
    const { scanner, idle, adapter } = setup();
    const { events, listener } = recorder();
    scanner.subscribe(listener, new AbortController().signal);
    expect(adapter.reads).toBe(0); // nothing read synchronously
    idle.runAll();
    expect(events).toEqual(['tile m0 Popular', 'tile m1 Popular', 'tile m2 Popular']);
  });

  it('batches many mutations into one idle pass and reads each new tile once', async () => {
    const { scanner, idle, adapter } = setup();
    const { events, listener } = recorder();
    scanner.subscribe(listener, new AbortController().signal);
    idle.runAll();
    for (let i = 0; i < 50; i++) document.body.insertAdjacentHTML('beforeend', tilesHtml(1, i));
    await settle();
    expect(adapter.reads).toBe(0);
    expect(idle.pending()).toBe(1); // one idle callback for all 50 mutation records
    idle.runAll();
    expect(adapter.reads).toBe(50);
    expect(events.length).toBe(50);
  });

  it('scans a subtree inserted node by node (as a parser does) once, from its top: each tile read once', async () => {
    const { scanner, idle, adapter } = setup();
    let scans = 0;
    const find = adapter.findTiles.bind(adapter);
    adapter.findTiles = (root) => {
      scans++;
      return find(root);
    };
    const { events, listener } = recorder();
    scanner.subscribe(listener, new AbortController().signal);
    idle.runAll();
    scans = 0;
    // A row, then each tile, then each tile's children, every node appended on its own.
    const section = document.createElement('section');
    section.setAttribute('data-row', 'Parsed');
    document.body.append(section);
    for (let i = 0; i < 30; i++) {
      const a = document.createElement('a');
      a.className = 'tile';
      a.setAttribute('data-id', `p${i}`);
      section.append(a);
      a.append(document.createElement('img'));
      const span = document.createElement('span');
      a.append(span);
      span.append(document.createTextNode(`Parsed ${i}`));
    }
    await settle();
    idle.runAll();
    expect(scans).toBe(1);
    expect(adapter.reads).toBe(30);
    expect(events).toEqual(Array.from({ length: 30 }, (_, i) => `tile p${i} Parsed`));
    // A tile added later to the same row, once the row's scan is done, is still found.
    section.insertAdjacentHTML('beforeend', '<a class="tile" data-id="late" href="/title/late"><span>Late</span></a>');
    await settle();
    idle.runAll();
    expect(events.at(-1)).toBe('tile late Parsed');
  });

  it('re-reads a recycled tile and reports the new title, never mixing them', async () => {
    document.body.innerHTML = tilesHtml(2);
    const { scanner, idle } = setup();
    const { events, listener } = recorder();
    scanner.subscribe(listener, new AbortController().signal);
    idle.runAll();
    const tile = document.querySelector<HTMLElement>('a[data-id="m1"]')!;
    tile.setAttribute('data-id', 'm99');
    tile.querySelector('span')!.textContent = 'Movie 99';
    await settle();
    idle.runAll();
    expect(events.slice(2)).toEqual(['changed m1->m99']);
    expect(scanner.tileFor(tile.querySelector('span'))?.info).toMatchObject({ siteItemId: 'm99', title: 'Movie 99' });
  });

  it('re-reads a tile whose image changed inside it (attribute on a descendant)', async () => {
    document.body.innerHTML = tilesHtml(1);
    const { scanner, idle, adapter } = setup();
    const { listener } = recorder();
    scanner.subscribe(listener, new AbortController().signal);
    idle.runAll();
    const before = adapter.reads;
    document.querySelector('img')!.setAttribute('src', 'https://img.test/x.jpg');
    await settle();
    idle.runAll();
    expect(adapter.reads).toBe(before + 1);
  });

  it('does not report a tile twice when a mutation leaves its id unchanged', async () => {
    document.body.innerHTML = tilesHtml(1);
    const { scanner, idle } = setup();
    const { events, listener } = recorder();
    scanner.subscribe(listener, new AbortController().signal);
    idle.runAll();
    const tile = document.querySelector('a.tile')!;
    tile.setAttribute('title', 'hover text');
    tile.setAttribute('aria-label', 'Movie 0');
    await settle();
    idle.runAll();
    expect(events).toEqual(['tile m0 Popular']);
  });

  it('reports a cleared tile when a recycled element no longer reads as a title', async () => {
    document.body.innerHTML = tilesHtml(1);
    const { scanner, idle } = setup();
    const { events, listener } = recorder();
    scanner.subscribe(listener, new AbortController().signal);
    idle.runAll();
    document.querySelector('a.tile')!.removeAttribute('data-id');
    await settle();
    idle.runAll();
    expect(events).toEqual(['tile m0 Popular', 'cleared m0']);
  });

  it('keeps its marks out of the DOM', () => {
    document.body.innerHTML = tilesHtml(5);
    const html = document.body.innerHTML;
    const { scanner, idle } = setup();
    scanner.subscribe(recorder().listener, new AbortController().signal);
    idle.runAll();
    expect(document.body.innerHTML).toBe(html);
  });

  it('processes 2,000 tiles in slices that each stay within the budget', () => {
    document.body.innerHTML = tilesHtml(1000, 0, 'A') + tilesHtml(1000, 1000, 'B');
    const { scanner, idle, clock, slices, adapter } = setup();
    const realRead = adapter.readTile.bind(adapter);
    adapter.readTile = (el) => {
      clock.advance(0.05); // each read costs 50 µs on the injected clock
      return realRead(el);
    };
    const { events, listener } = recorder();
    scanner.subscribe(listener, new AbortController().signal);
    idle.runAll();
    expect(events.length).toBe(2000);
    expect(new Set(events).size).toBe(2000);
    expect(slices.length).toBeGreaterThanOrEqual(Math.floor((2000 * 0.05) / SLICE_BUDGET_MS));
    expect(Math.max(...slices)).toBeLessThanOrEqual(SLICE_BUDGET_MS);
  });

  it('reads the first tiles in prompt tasks (the page may not be idle for seconds), the rest in idle time', () => {
    const extra = 200;
    document.body.innerHTML = tilesHtml(PROMPT_TILES + extra);
    const adapter = fakeAdapter();
    const idle = manualIdle();
    const prompt = manualIdle();
    const clock = fakeClock();
    const slices: number[] = [];
    const realRead = adapter.readTile.bind(adapter);
    adapter.readTile = (el) => {
      clock.advance(0.05);
      return realRead(el);
    };
    const scanner = createTileScanner({
      adapter,
      doc: document,
      signal: new AbortController().signal,
      idle,
      prompt,
      clock,
      onSlice: (ms) => slices.push(ms),
    });
    const { events, listener } = recorder();
    scanner.subscribe(listener, new AbortController().signal);
    expect(prompt.pending()).toBe(1);
    expect(idle.pending()).toBe(0);
    prompt.runAll();
    // Prompt slices stop once PROMPT_TILES were read; each one stays within the budget.
    expect(events.length).toBeGreaterThanOrEqual(PROMPT_TILES);
    expect(events.length).toBeLessThan(PROMPT_TILES + extra);
    expect(Math.max(...slices)).toBeLessThanOrEqual(SLICE_BUDGET_MS);
    expect(idle.pending()).toBe(1);
    idle.runAll();
    expect(events.length).toBe(PROMPT_TILES + extra);
    expect(prompt.pending()).toBe(0);
  });

  it('promptInline: the first tiles are read in the mutation callback (the inserting task), later ones in scheduled slices', async () => {
    const adapter = fakeAdapter();
    const idle = manualIdle();
    const prompt = manualIdle();
    const clock = fakeClock();
    const scanner = createTileScanner({ adapter, doc: document, signal: new AbortController().signal, idle, prompt, clock, promptInline: true });
    const { events, listener } = recorder();
    scanner.subscribe(listener, new AbortController().signal);
    prompt.runAll(); // the empty page
    document.body.insertAdjacentHTML('beforeend', tilesHtml(3));
    await settle(); // the mutation callback, a microtask: no task ran in between
    expect(events).toEqual(['tile m0 Popular', 'tile m1 Popular', 'tile m2 Popular']);
    expect(prompt.pending() + idle.pending()).toBe(0);
    // Past the first screen's worth of tiles, mutations wait for scheduled slices again.
    document.body.insertAdjacentHTML('beforeend', tilesHtml(PROMPT_TILES, 3, 'More'));
    await settle();
    prompt.runAll();
    idle.runAll();
    const read = events.length;
    expect(read).toBe(PROMPT_TILES + 3);
    document.body.insertAdjacentHTML('beforeend', tilesHtml(2, 500, 'Late'));
    await settle();
    expect(events.length).toBe(read);
    idle.runAll();
    expect(events.slice(read)).toEqual(['tile m500 Late', 'tile m501 Late']);
  });

  it('promptInline: past the first screen, a loading document is read whole at DOMContentLoaded, not node by node', async () => {
    Object.defineProperty(document, 'readyState', { value: 'loading', configurable: true });
    try {
      const { adapter, idle, prompt, scanner } = (() => {
        const adapter = fakeAdapter();
        const idle = manualIdle();
        const prompt = manualIdle();
        const clock = fakeClock();
        const scanner = createTileScanner({ adapter, doc: document, signal: new AbortController().signal, idle, prompt, clock, promptInline: true });
        return { adapter, idle, prompt, scanner };
      })();
      const { events, listener } = recorder();
      scanner.subscribe(listener, new AbortController().signal);
      prompt.runAll();
      document.body.insertAdjacentHTML('beforeend', tilesHtml(PROMPT_TILES));
      await settle();
      expect(events.length).toBe(PROMPT_TILES); // the first screen, read as it came
      document.body.insertAdjacentHTML('beforeend', tilesHtml(5, 900, 'Below'));
      await settle();
      prompt.runAll();
      idle.runAll();
      expect(events.length).toBe(PROMPT_TILES); // the parser is no longer followed
      const reads = adapter.reads;
      Object.defineProperty(document, 'readyState', { value: 'interactive', configurable: true });
      document.dispatchEvent(new Event('DOMContentLoaded'));
      prompt.runAll();
      idle.runAll();
      expect(events.slice(PROMPT_TILES)).toEqual(['tile m900 Below', 'tile m901 Below', 'tile m902 Below', 'tile m903 Below', 'tile m904 Below']);
      expect(adapter.reads - reads).toBe(PROMPT_TILES + 5); // one whole pass: each tile read once more
      document.body.insertAdjacentHTML('beforeend', tilesHtml(1, 950, 'Later'));
      await settle();
      idle.runAll();
      expect(events.at(-1)).toBe('tile m950 Later'); // followed again once parsed
    } finally {
      Reflect.deleteProperty(document, 'readyState');
    }
  });

  it("scanNow runs one slice in the caller's task, within the budget, and leaves the rest scheduled", () => {
    document.body.innerHTML = tilesHtml(400);
    const { scanner, idle, clock, slices, adapter } = setup();
    const realRead = adapter.readTile.bind(adapter);
    adapter.readTile = (el) => {
      clock.advance(0.05);
      return realRead(el);
    };
    const { events, listener } = recorder();
    scanner.subscribe(listener, new AbortController().signal);
    expect(events).toEqual([]);
    scanner.scanNow();
    expect(slices).toHaveLength(1);
    expect(slices[0]).toBeLessThanOrEqual(SLICE_BUDGET_MS);
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThan(400);
    expect(idle.pending()).toBe(1);
    idle.runAll();
    expect(events.length).toBe(400);
  });

  // The bound is per slice and does not depend on the number of tiles; happy-dom needs ~10 s just
  // to parse 10,000 tiles, so this uses 3,000; 10,000 belongs in a real-browser benchmark.
  it('does bounded work per idle period while 3,000 tiles keep mutating every frame', async () => {
    document.body.innerHTML = tilesHtml(3_000);
    const { scanner, idle, clock, slices, adapter } = setup();
    const realRead = adapter.readTile.bind(adapter);
    adapter.readTile = (el) => {
      clock.advance(0.02);
      return realRead(el);
    };
    scanner.subscribe(recorder().listener, new AbortController().signal);
    const tiles = Array.from(document.querySelectorAll('a.tile'));
    for (let frame = 0; frame < 8; frame++) {
      for (let i = frame * 50; i < frame * 50 + 500; i++) tiles[i]!.setAttribute('title', `f${frame}`);
      await settle();
      idle.run(); // one idle period per frame
    }
    expect(slices.length).toBe(8); // one slice per idle period, never a catch-up burst
    expect(Math.max(...slices)).toBeLessThanOrEqual(SLICE_BUDGET_MS);
    expect(idle.pending()).toBe(1); // the rest waits for the next idle period
  }, 30_000);

  it('replays known tiles to a late subscriber and stops observing when everyone left', async () => {
    document.body.innerHTML = tilesHtml(3);
    const { scanner, idle, adapter } = setup();
    const first = recorder();
    const a = new AbortController();
    scanner.subscribe(first.listener, a.signal);
    idle.runAll();
    const late = recorder();
    const b = new AbortController();
    scanner.subscribe(late.listener, b.signal);
    idle.runAll();
    expect(late.events.sort()).toEqual(['tile m0 Popular', 'tile m1 Popular', 'tile m2 Popular']);
    expect(first.events.length).toBe(3); // the replay went to the late subscriber only
    a.abort();
    b.abort();
    const reads = adapter.reads;
    document.body.insertAdjacentHTML('beforeend', tilesHtml(2, 10));
    await settle();
    idle.runAll();
    expect(adapter.reads).toBe(reads);
  });

  it('survives an adapter that throws', async () => {
    document.body.innerHTML = tilesHtml(2);
    const { scanner, idle, adapter, errors } = setup();
    const realRead = adapter.readTile.bind(adapter);
    adapter.readTile = (el) => {
      if (el.getAttribute('data-id') === 'm0') throw new Error('bad markup');
      return realRead(el);
    };
    const { events, listener } = recorder();
    scanner.subscribe(listener, new AbortController().signal);
    idle.runAll();
    expect(events).toEqual(['tile m1 Popular']);
    expect(errors.length).toBe(1);
  });

  it('re-announces a tile that was removed and inserted again', async () => {
    document.body.innerHTML = tilesHtml(1);
    const { scanner, idle } = setup();
    const { events, listener } = recorder();
    scanner.subscribe(listener, new AbortController().signal);
    idle.runAll();
    const tile = document.querySelector('a.tile')!;
    tile.remove();
    document.body.appendChild(tile);
    await settle();
    idle.runAll();
    expect(events).toEqual(['tile m0 Popular', 'tile m0 null']);
  });
});
