/**
 * When the badge layer's positioning pass runs: at most once per animation frame, after a
 * scroll (one capturing listener), a resize, a size change of the body (one ResizeObserver,
 * also given the tiles that have badges), and every SWEEP_MS as a safety net for layout
 * changes no observer reports (content inserted above, transforms).
 */
const SWEEP_MS = 1_000;

export interface FrameScheduler {
  schedule(): void;
  /** Tiles whose size changes move their badge. */
  readonly resize: ResizeObserver | null;
  stop(): void;
}

export function createFrameScheduler(o: {
  doc: Document;
  win: Window;
  signal: AbortSignal;
  /** Anything to position or make? */
  hasWork(): boolean;
  /** Anything the sweep should re-measure? */
  wantsSweep(): boolean;
  /** One pass; true when it wants another frame. */
  run(): boolean;
}): FrameScheduler {
  const { doc, win, signal } = o;
  let raf = 0;
  let stopped = false;
  const schedule = () => {
    if (raf || stopped || !o.hasWork()) return;
    raf = win.requestAnimationFrame(() => {
      raf = 0;
      if (!stopped && o.run()) schedule();
    });
  };
  const RO = (win as Window & typeof globalThis).ResizeObserver;
  const resize = typeof RO === 'function' ? new RO(() => schedule()) : null;
  if (resize && doc.body) resize.observe(doc.body);
  doc.addEventListener('scroll', schedule, { capture: true, passive: true, signal });
  win.addEventListener('resize', schedule, { passive: true, signal });
  const sweep = win.setInterval(() => {
    if (o.wantsSweep() && doc.visibilityState !== 'hidden') schedule();
  }, SWEEP_MS);
  return {
    schedule,
    resize,
    stop() {
      stopped = true;
      if (raf) win.cancelAnimationFrame(raf);
      win.clearInterval(sweep);
      resize?.disconnect();
    },
  };
}
