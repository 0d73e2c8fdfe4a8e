/**
 * Shared by bench/page.bench.ts and test/e2e/scale.e2e.ts: measuring what the content script
 * costs a page's main thread, in real Chromium, by comparing the same demo page where Tasteful
 * runs (127.0.0.1, granted) with the same page where it does not (127.0.0.2, not granted),
 * in the same browser (one launch).
 *
 * - CDP `Performance.getMetrics` (TaskDuration, ScriptDuration) on the page's renderer,
 *   diffed over a load-and-settle window.
 * - A `longtask` + `long-animation-frame` PerformanceObserver installed before any page script
 *   (kept in a closure; read back via a non-enumerable global whose name does not contain
 *   "tasteful", so the hostile page's snooping does not flag the harness itself).
 * - `tasteful/badge-timings` from the content script, asked for by the service worker.
 */
import type { Page } from 'playwright-core';
import type { ExtensionSession } from '../../test/e2e/harness';
import type { BadgeTimings } from '../../src/ui/badges/timings';

export interface LongTask {
  start: number;
  duration: number;
}
export interface LongFrame {
  start: number;
  duration: number;
  blockingDuration: number;
  /** Scripts that ran in the frame (LoAF attribution; extension scripts show up by URL when Chromium reports them). */
  scripts: { sourceURL: string; invoker: string; duration: number }[];
}
export interface LongTaskLog {
  tasks: LongTask[];
  frames: LongFrame[];
}

const PROBE = '__pagePerfProbe';

/** Installs the long-task / long-animation-frame observers in every document of the page, before page scripts. */
export async function installLongTaskProbe(page: Page): Promise<void> {
  await page.addInitScript((name: string) => {
    const log = { tasks: [] as { start: number; duration: number }[], frames: [] as unknown[] };
    Object.defineProperty(window, name, { value: log, enumerable: false, configurable: false, writable: false });
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (log.tasks.length < 10_000) log.tasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      /* not supported */
    }
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as {
          startTime: number;
          duration: number;
          blockingDuration: number;
          scripts: { sourceURL: string; invoker: string; duration: number }[];
        }[]) {
          if (log.frames.length < 10_000)
            log.frames.push({
              start: e.startTime,
              duration: e.duration,
              blockingDuration: e.blockingDuration,
              scripts: (e.scripts ?? []).map((s) => ({
                sourceURL: String(s.sourceURL).slice(0, 200),
                invoker: String(s.invoker).slice(0, 200),
                duration: s.duration,
              })),
            });
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
    } catch {
      /* not supported */
    }
  }, PROBE);
}

export async function readLongTasks(page: Page): Promise<LongTaskLog> {
  return page.evaluate((name: string) => {
    const log = (window as unknown as Record<string, { tasks: LongTask[]; frames: LongFrame[] }>)[name];
    // Copy through plain loops: pages like /hostile replace Array/JSON built-ins.
    const tasks: LongTask[] = [];
    const frames: LongFrame[] = [];
    if (log) {
      for (let i = 0; i < log.tasks.length; i++) tasks.push({ start: log.tasks[i]!.start, duration: log.tasks[i]!.duration });
      for (let i = 0; i < log.frames.length; i++) frames.push(log.frames[i]!);
    }
    return { tasks, frames };
  }, PROBE);
}

export const longest = (tasks: LongTask[]): number => tasks.reduce((m, t) => Math.max(m, t.duration), 0);

/** Long-animation-frame script time that Chromium attributes to an extension (chrome-extension:// source). */
export function extensionScriptInLongFrames(frames: LongFrame[]): { frames: number; maxScriptMs: number } {
  let n = 0;
  let max = 0;
  for (const f of frames) {
    const ours = f.scripts.filter((s) => s.sourceURL.startsWith('chrome-extension://'));
    if (ours.length) {
      n++;
      for (const s of ours) max = Math.max(max, s.duration);
    }
  }
  return { frames: n, maxScriptMs: Math.round(max * 10) / 10 };
}

export interface CpuMetrics {
  /** seconds */
  taskDuration: number;
  scriptDuration: number;
  layoutDuration: number;
  recalcStyleDuration: number;
}

export interface CpuMeter {
  read(): Promise<CpuMetrics>;
  detach(): Promise<void>;
}

/** CDP Performance metrics for one page's renderer (main thread). */
export async function cpuMeter(page: Page): Promise<CpuMeter> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' } as never).catch(() => cdp.send('Performance.enable'));
  return {
    async read() {
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      const get = (n: string) => metrics.find((m) => m.name === n)?.value ?? 0;
      return {
        taskDuration: get('TaskDuration'),
        scriptDuration: get('ScriptDuration'),
        layoutDuration: get('LayoutDuration'),
        recalcStyleDuration: get('RecalcStyleDuration'),
      };
    },
    detach: () => cdp.detach().catch(() => undefined),
  };
}

export function diffCpu(a: CpuMetrics, b: CpuMetrics): CpuMetrics {
  return {
    taskDuration: b.taskDuration - a.taskDuration,
    scriptDuration: b.scriptDuration - a.scriptDuration,
    layoutDuration: b.layoutDuration - a.layoutDuration,
    recalcStyleDuration: b.recalcStyleDuration - a.recalcStyleDuration,
  };
}

/**
 * Asks the content script in the tab whose URL is exactly `url` for its badge timings (null when
 * it does not answer). With `wait`, it answers once it has seen `wait.tiles` tiles or painted
 * `wait.badges` badges (or after `wait.timeoutMs`): one message instead of a poll every 50–100 ms
 * on the measured page.
 */
export async function badgeTimings(
  s: ExtensionSession,
  url: string,
  wait?: { tiles?: number; badges?: number; timeoutMs: number },
): Promise<BadgeTimings | null> {
  return s.serviceWorker.evaluate(
    async ([u, w]) => {
      const c = (
        globalThis as unknown as {
          chrome: {
            tabs: { query(q: unknown): Promise<{ id?: number; url?: string }[]>; sendMessage(id: number, m: unknown): Promise<BadgeTimings> };
          };
        }
      ).chrome;
      const tabs = await c.tabs.query({});
      const tab = tabs.find((t) => t.url === u);
      if (tab?.id === undefined) return null;
      try {
        const message = { type: 'tasteful/badge-timings', waitTiles: w?.tiles, waitBadges: w?.badges, timeoutMs: w?.timeoutMs };
        return (await c.tabs.sendMessage(tab.id, message)) ?? null;
      } catch {
        return null;
      }
    },
    [url, wait ?? null] as const,
  );
}

/** Plays a demo title to its end at 16× (played media time counts as watched; seeking would not). */
export async function watchToTheEnd(page: Page, demoUrl: string, id: string): Promise<void> {
  await page.goto(`${demoUrl}/watch/${id}?autoplay=1`);
  await page.waitForFunction(() => (document.querySelector('video#player') as HTMLVideoElement).currentTime > 0.5, undefined, { timeout: 30_000 });
  await page.$eval('video#player', (v) => ((v as HTMLVideoElement).playbackRate = 16));
  await page.waitForFunction(() => (document.querySelector('video#player') as HTMLVideoElement).ended, undefined, { timeout: 60_000 });
}

/** Scrolls the whole page top to bottom in viewport steps (one per frame-ish), then back to the top. */
export async function scrollThrough(page: Page, stepMs = 50): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const vh = page.viewportSize()?.height ?? 900;
  for (let y = 0; y <= height; y += vh) {
    await page.mouse.wheel(0, vh);
    await page.waitForTimeout(stepMs);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

export interface StressRun {
  /** Load → settled window (ms, wall clock). */
  windowMs: number;
  cpu: CpuMetrics;
  tilesSeen: number | null;
  timings: BadgeTimings | null;
  longTasks: LongTaskLog;
}

/**
 * Opens `url` in a fresh tab and measures main-thread time from just before navigation until
 * the page has settled. With `s` (a Tasteful origin) it waits until the content script reports
 * `tilesSeen >= expectTiles` (or `maxWaitMs`), then `settleMs` more; without, it waits `fixedMs`.
 * `afterLoad` runs inside the measured window (e.g. a scroll).
 */
export async function measurePage(
  page: Page,
  url: string,
  opts: {
    s?: ExtensionSession;
    expectTiles?: number;
    maxWaitMs?: number;
    settleMs?: number;
    fixedMs?: number;
    afterLoad?: (p: Page) => Promise<void>;
  },
): Promise<StressRun> {
  const meter = await cpuMeter(page);
  const before = await meter.read();
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  if (opts.afterLoad) await opts.afterLoad(page);
  let timings: BadgeTimings | null = null;
  if (opts.s && opts.expectTiles) {
    const end = t0 + (opts.maxWaitMs ?? 30_000);
    while (Date.now() < end) {
      // One waiting ask; asked again only if the content script was not there yet to answer.
      timings = await badgeTimings(opts.s, url, { tiles: opts.expectTiles, timeoutMs: Math.max(0, end - Date.now()) });
      if (timings && timings.tilesSeen >= opts.expectTiles) break;
      await sleep(100);
    }
    await sleep(opts.settleMs ?? 1000);
    timings = (await badgeTimings(opts.s, url)) ?? timings;
  } else {
    const rest = (opts.fixedMs ?? 3000) - (Date.now() - t0);
    if (rest > 0) await sleep(rest);
  }
  const after = await meter.read();
  const windowMs = Date.now() - t0;
  const longTasks = await readLongTasks(page);
  await meter.detach();
  return { windowMs, cpu: diffCpu(before, after), tilesSeen: timings?.tilesSeen ?? null, timings, longTasks };
}

export interface TracedTask {
  /** ms since trace start */
  start: number;
  duration: number;
  /** Script time inside this task from chrome-extension:// scripts (our content script). */
  oursMs: number;
  /** All script time inside this task. */
  scriptMs: number;
  /** The longest script event inside the task: event name, URL (extension id elided), function name. */
  topScript: string;
}

type Ev = {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; frame?: string }; name?: string };
};

/** A CDP trace of `categories` while `during` runs, and the renderer main threads in it ("pid:tid"). */
async function recordTrace(page: Page, categories: string[], during: () => Promise<void>): Promise<{ events: Ev[]; mains: Set<string> }> {
  const cdp = await page.context().newCDPSession(page);
  const events: Ev[] = [];
  cdp.on('Tracing.dataCollected', ((e: { value: Ev[] }) => {
    for (const ev of e.value) events.push(ev);
  }) as never);
  const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: categories, recordMode: 'recordContinuously' },
  } as never);
  try {
    await during();
  } finally {
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach().catch(() => undefined);
  }
  // Renderer main threads: thread_name metadata "CrRendererMain".
  const mains = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  return { events, mains };
}

/**
 * Records a CDP trace of the page's renderer while `during` runs and returns the main-thread
 * tasks longer than `minMs`, each with the script time that came from extension scripts
 * (FunctionCall / EvaluateScript / compile events whose URL is chrome-extension://...). This is
 * what attributes a long task to the content script rather than to the page's own layout.
 */
export async function traceLongTasks(page: Page, during: () => Promise<void>, minMs = 50): Promise<TracedTask[]> {
  const { events, mains } = await recordTrace(page, ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', '__metadata'], during);
  const onMain = (e: Ev) => mains.has(`${e.pid}:${e.tid}`) && e.ph === 'X' && typeof e.dur === 'number';
  const t0 = events.reduce((m, e) => (e.ts > 0 && e.ts < m ? e.ts : m), Infinity);
  const tasks = events.filter((e) => onMain(e) && e.name === 'RunTask' && e.dur! / 1000 > minMs);
  const scripts = events.filter(
    (e) =>
      onMain(e) &&
      (e.name === 'FunctionCall' ||
        e.name === 'EvaluateScript' ||
        e.name === 'v8.compile' ||
        e.name === 'TimerFire' ||
        e.name === 'FireIdleCallback' ||
        e.name === 'FireAnimationFrame'),
  );
  return tasks
    .map((t) => {
      const key = `${t.pid}:${t.tid}`;
      const inside = scripts.filter((x) => `${x.pid}:${x.tid}` === key && x.ts >= t.ts && x.ts + x.dur! <= t.ts + t.dur!);
      // Only outermost script events, to avoid double counting nested ones.
      inside.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
      const outer: Ev[] = [];
      let coveredTo = -Infinity;
      for (const x of inside) {
        if (x.ts + x.dur! <= coveredTo) continue;
        outer.push(x);
        coveredTo = x.ts + x.dur!;
      }
      const ours = outer.filter((x) => (x.args?.data?.url ?? '').startsWith('chrome-extension://'));
      const sum = (xs: Ev[]) => xs.reduce((a, x) => a + x.dur! / 1000, 0);
      const top = [...outer].sort((a, b) => b.dur! - a.dur!)[0];
      const what = top
        ? `${top.name} ${(top.args?.data?.url ?? '').replace(/^chrome-extension:\/\/[a-p]+/, 'ext:')} ${(top.args?.data as { functionName?: string } | undefined)?.functionName ?? ''}`.trim()
        : '';
      return {
        start: round((t.ts - t0) / 1000),
        duration: round(t.dur! / 1000),
        oursMs: round(sum(ours)),
        scriptMs: round(sum(outer)),
        topScript: what,
      };
    })
    .sort((a, b) => b.duration - a.duration);
}

export interface ScriptHotSpot {
  /** Minified function name at line:column of the built content script, and the start of its source text. */
  fn: string;
  ms: number;
  source: string;
}

export interface ContentScriptProfile {
  /** Sampled time inside chrome-extension:// scripts (ms; the profiler itself adds overhead). */
  totalMs: number;
  /** Top-level evaluation of the content script (module code + the synchronous part of main()), inclusive. */
  startupEvalMs: number;
  selfTop: ScriptHotSpot[];
  inclusiveTop: ScriptHotSpot[];
}

/**
 * Samples the page's renderer with the CDP Profiler while `during` runs, and returns where the
 * content script's time went. `bundle` is the built content script's text, used to show the
 * start of each hot function (the build is minified, so names alone say little).
 */
export async function profileContentScript(page: Page, bundle: string, during: () => Promise<void>, top = 10): Promise<ContentScriptProfile> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  try {
    await during();
  } catch (e) {
    await cdp.send('Profiler.stop').catch(() => undefined);
    throw e;
  }
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: {
      nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[];
      samples: number[];
      startTime: number;
      endTime: number;
      timeDeltas: number[];
    };
  };
  await cdp.detach().catch(() => undefined);
  const lines = bundle.split('\n');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Time per sample from the deltas (the next delta is the time spent in this sample).
  const selfMs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const d = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    selfMs.set(profile.samples[i]!, (selfMs.get(profile.samples[i]!) ?? 0) + d);
  }
  const isOurs = (id: number) => byId.get(id)!.callFrame.url.startsWith('chrome-extension://');
  const key = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anonymous)'}@${f.lineNumber}:${f.columnNumber}`;
  };
  const source = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return (lines[f.lineNumber] ?? '').slice(f.columnNumber, f.columnNumber + 110);
  };
  const selfBy = new Map<string, { ms: number; id: number }>();
  const inclBy = new Map<string, { ms: number; id: number }>();
  let total = 0;
  let startup = 0;
  for (const [id, ms] of selfMs) {
    if (isOurs(id)) {
      total += ms;
      const k = key(id);
      selfBy.set(k, { ms: (selfBy.get(k)?.ms ?? 0) + ms, id });
    }
    const seen = new Set<string>();
    let inStartup = false;
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      if (!isOurs(cur)) continue;
      const f = byId.get(cur)!.callFrame;
      if (f.lineNumber === 0 && f.columnNumber === 0) inStartup = true;
      const k = key(cur);
      if (seen.has(k)) continue;
      seen.add(k);
      inclBy.set(k, { ms: (inclBy.get(k)?.ms ?? 0) + ms, id: cur });
    }
    if (inStartup) startup += ms;
  }
  const list = (m: Map<string, { ms: number; id: number }>) =>
    [...m]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, top)
      .map(([fn, v]) => ({ fn, ms: round(v.ms), source: source(v.id) }));
  return { totalMs: round(total), startupEvalMs: round(startup), selfTop: list(selfBy), inclusiveTop: list(inclBy) };
}

/**
 * Main-thread self time per trace event name (ms) while `during` runs, for the page's renderer.
 * Diffing a with-extension and a without-extension run shows where our non-script cost lands
 * (e.g. IntersectionObserver computations, style, layout), which ScriptDuration cannot.
 * Tracing adds overhead: compare runs traced the same way, not with untraced figures.
 */
export async function traceSelfTimeByEvent(page: Page, during: () => Promise<void>): Promise<Map<string, number>> {
  const { events, mains } = await recordTrace(
    page,
    ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'v8', '__metadata'],
    during,
  );
  const byThread = new Map<string, Ev[]>();
  for (const e of events) {
    const k = `${e.pid}:${e.tid}`;
    if (!mains.has(k) || e.ph !== 'X' || typeof e.dur !== 'number') continue;
    (byThread.get(k) ?? byThread.set(k, []).get(k)!).push(e);
  }
  const self = new Map<string, number>();
  for (const xs of byThread.values()) {
    xs.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const stack: { e: Ev; self: number }[] = [];
    const flush = (x: { e: Ev; self: number }) => self.set(x.e.name, (self.get(x.e.name) ?? 0) + x.self / 1000);
    for (const e of xs) {
      while (stack.length && stack[stack.length - 1]!.e.ts + stack[stack.length - 1]!.e.dur! <= e.ts) flush(stack.pop()!);
      const p = stack[stack.length - 1];
      if (p) p.self -= e.dur!;
      stack.push({ e, self: e.dur! });
    }
    while (stack.length) flush(stack.pop()!);
  }
  return self;
}

/** Top `n` event names by (with − without) self time, in ms. */
export function diffSelfTime(
  withExt: Map<string, number>,
  without: Map<string, number>,
  n = 10,
): { event: string; extraMs: number; withMs: number; withoutMs: number }[] {
  const names = new Set([...withExt.keys(), ...without.keys()]);
  return [...names]
    .map((event) => ({
      event,
      withMs: round(withExt.get(event) ?? 0),
      withoutMs: round(without.get(event) ?? 0),
      extraMs: round((withExt.get(event) ?? 0) - (without.get(event) ?? 0)),
    }))
    .sort((a, b) => b.extraMs - a.extraMs)
    .slice(0, n);
}

/** Watches demo titles to the end until the home page shows badges (the profile has evidence). */
export async function ensureEvidence(s: ExtensionSession, demoUrl: string, log: (m: string) => void): Promise<boolean> {
  const badgesOnHome = async (waitMs: number) => {
    const page = await s.context.newPage();
    try {
      await page.goto(`${demoUrl}/`);
      const end = Date.now() + waitMs;
      while (Date.now() < end) {
        if (((await badgeTimings(s, `${demoUrl}/`))?.badgesPainted ?? 0) > 0) return true;
        await sleep(200);
      }
      return false;
    } finally {
      await page.close().catch(() => undefined);
    }
  };
  const watch = async (ids: string[]) => {
    const page = await s.context.newPage();
    try {
      for (const id of ids) await watchToTheEnd(page, demoUrl, id);
    } finally {
      await page.close().catch(() => undefined);
    }
  };
  log('watching two titles to the end (profile evidence)');
  await watch(['the-matrix-1999', 'blade-runner-1982']);
  if (await badgesOnHome(20_000)) return true;
  log('no badges after two watches; watching a third');
  await watch(['2001-a-space-odyssey-1968']);
  return badgesOnHome(5_000);
}

/**
 * Tile in the DOM → badge painted on `url` (a fresh page each run): p50/p95 from the content
 * script's own clock, and navigation → first badge (wall clock, one waiting ask).
 */
export async function measureBadgeLatency(s: ExtensionSession, url: string, runs: number, log: (m: string) => void) {
  const p50s: number[] = [];
  const p95s: number[] = [];
  const readP50s: number[] = [];
  const readP95s: number[] = [];
  const firsts: number[] = [];
  const paints: number[] = [];
  const afterDom: number[] = [];
  const all: unknown[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await s.context.newPage();
    let first: number | null = null;
    let timings: BadgeTimings | null = null;
    /** When the parsed document (this server-rendered page's tiles) was in the DOM, ms since navigation. */
    let domInteractive: number | null = null;
    try {
      const t0 = Date.now();
      await page.goto(url, { waitUntil: 'commit' });
      while (Date.now() < t0 + 20_000) {
        // One waiting ask (asked again only if the content script was not there yet to answer).
        const t = await badgeTimings(s, url, { badges: 1, timeoutMs: t0 + 20_000 - Date.now() });
        if (t && t.badgesPainted > 0) {
          first = Date.now() - t0;
          break;
        }
        await sleep(50);
      }
      await sleep(2000);
      timings = await badgeTimings(s, url);
      domInteractive = await page
        .evaluate(() => Math.round((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domInteractive ?? -1))
        .catch(() => null);
    } finally {
      await page.close().catch(() => undefined);
    }
    if (first !== null) firsts.push(first);
    if (timings && timings.tileToBadge.count > 0) {
      p50s.push(timings.tileToBadge.p50);
      p95s.push(timings.tileToBadge.p95);
      // Absent from builds before it existed (a --before comparison through TASTEFUL_EXTENSION_DIR).
      if (timings.tileToBadgeFromRead) {
        readP50s.push(timings.tileToBadgeFromRead.p50);
        readP95s.push(timings.tileToBadgeFromRead.p95);
      }
    }
    const t = timings;
    const fp = t?.milestones.firstPaint;
    if (fp != null && domInteractive != null && domInteractive >= 0) afterDom.push(fp - domInteractive);
    all.push({
      firstBadgeMs: first,
      domInteractive,
      tilesSeen: t?.tilesSeen,
      badgesPainted: t?.badgesPainted,
      tileToBadge: t?.tileToBadge,
      tileToBadgeFromRead: t?.tileToBadgeFromRead,
      fcp: t?.fcp,
      batchWait: t?.batchWait,
      roundTrip: t?.roundTrip,
      sendSync: t?.sendSync,
      frame: t?.frame,
      milestones: t?.milestones,
    });
    if (t?.milestones.firstPaint != null) paints.push(t.milestones.firstPaint);
    log(
      `badges: first ${first} ms, tileToBadge ${JSON.stringify(t?.tileToBadge)}, roundTrip ${JSON.stringify(t?.roundTrip)}, milestones ${JSON.stringify(t?.milestones)}`,
    );
  }
  return {
    tileToBadgeP50Ms: p50s.length ? round(median(p50s)) : null,
    tileToBadgeP95Ms: p95s.length ? round(median(p95s)) : null,
    /** The same clock started when the tile was read rather than at the first frame after (see timings.ts). */
    tileToBadgeFromReadP50Ms: readP50s.length ? round(median(readP50s)) : null,
    tileToBadgeFromReadP95Ms: readP95s.length ? round(median(readP95s)) : null,
    /** Navigation start → first badge painted, by the page's own clock. */
    firstPaintAfterNavigationMs: paints.length ? median(paints) : null,
    /** The same, seen from outside (one waiting ask; includes the message's way back). */
    firstBadgeAfterNavigationMs: firsts.length ? median(firsts) : null,
    /** Tiles in the DOM (the page parsed: domInteractive) → first badge painted, page clock. */
    firstBadgeAfterTilesInDomMs: afterDom.length ? median(afterDom) : null,
    allFirstBadgeAfterTilesInDomMs: afterDom,
    runs: all,
  };
}
