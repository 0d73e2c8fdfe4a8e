/**
 * The badge's stylesheet, adopted by every badge's shadow root (one parsed sheet per page).
 * The host is pinned against site CSS (`hostResetCss`); ours never leaks out of the shadow.
 */
import { hostResetCss } from '../common/host-reset';

export const BADGE_CSS = `${hostResetCss('absolute', 2147483646)}
.pos { position: absolute; left: 0; top: 0; width: 0; height: 0; }
.pos[hidden] { display: none; }
.wrap {
  --bg: #ffffff; --fg: #1d1c1a; --muted: #5f5b55; --border: rgba(0,0,0,.18); --accent: #2f5d8a;
  --hover: #eef2f7; --focus: #1f6fd1; --shadow: 0 1px 3px rgba(0,0,0,.25);
  font: 600 12px/1.25 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg);
  color-scheme: light;
  direction: ltr;
  text-align: left;
  letter-spacing: normal;
  -webkit-font-smoothing: antialiased;
}
.wrap.dark {
  --bg: #1f1f1d; --fg: #f1f0ed; --muted: #b6b2ab; --border: rgba(255,255,255,.25); --accent: #8db8e6;
  --hover: #2f3338; --focus: #8db8e6; --shadow: 0 1px 4px rgba(0,0,0,.6);
  color-scheme: dark;
}
button { font: inherit; color: inherit; margin: 0; }
.badge {
  position: absolute; right: 6px; top: 6px;
  pointer-events: auto;
  white-space: nowrap;
  padding: 3px 8px;
  border-radius: 999px;
  border: 1px solid var(--border);
  background: var(--bg);
  color: var(--fg);
  box-shadow: var(--shadow);
  cursor: pointer;
  animation: tasteful-in 140ms ease-out;
}
.badge .pct { color: var(--accent); }
.badge:hover { background: var(--hover); }
.badge:focus-visible, .item:focus-visible, .close:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.pop {
  /* left/top are set from placement.ts (inside the visible viewport) before the first paint. */
  position: absolute; right: 6px; top: 32px;
  box-sizing: border-box;
  overflow: auto;
  pointer-events: auto;
  min-width: 190px; max-width: 280px;
  padding: 4px;
  border-radius: 8px;
  border: 1px solid var(--border);
  background: var(--bg);
  color: var(--fg);
  box-shadow: 0 6px 20px rgba(0,0,0,.3);
  font-weight: 500;
  animation: tasteful-in 120ms ease-out;
}
.item {
  display: flex; gap: 8px; align-items: center;
  width: 100%;
  padding: 6px 8px;
  border: 0; border-radius: 6px;
  background: transparent;
  text-align: left;
  cursor: pointer;
}
.item:hover, .item:focus { background: var(--hover); }
.icon { flex: none; display: inline-block; vertical-align: -2px; }
.mark { margin-left: 4px; color: var(--accent); }
.tick { margin-left: auto; color: var(--accent); }
.sep { height: 1px; margin: 4px 2px; background: var(--border); }
.why h2 { font-size: 12px; margin: 4px 6px; }
.why ul { margin: 4px 0 6px; padding: 0 8px 0 22px; font-weight: 400; }
.why li { margin: 2px 0; }
.why p { margin: 4px 8px; font-weight: 400; color: var(--muted); }
.close { display: block; margin: 4px 4px 2px auto; padding: 3px 10px; border: 1px solid var(--border); border-radius: 6px; background: transparent; cursor: pointer; }
.sr-only {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
@keyframes tasteful-in { from { opacity: 0; transform: translateY(-2px); } to { opacity: 1; transform: none; } }
@media (prefers-reduced-motion: reduce) {
  .badge, .pop { animation: none !important; transition: none !important; }
}
@media (forced-colors: active) {
  .badge, .pop, .close { border: 1px solid CanvasText; }
}
`;
