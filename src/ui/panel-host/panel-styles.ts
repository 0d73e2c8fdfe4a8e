/** The panel host's stylesheet (inside its closed shadow root), above the badges. */
import { hostResetCss } from '../common/host-reset';

export const PANEL_HOST_CSS = `${hostResetCss('fixed', 2147483647)}
.wrap {
  /* A 0×0 box at the chosen corner (launcher-spot.ts); the toggle and the frame hang off it. */
  position: fixed; width: 0; height: 0;
  --bg: #ffffff; --fg: #1d1c1a; --border: rgba(0,0,0,.18); --accent: #2f5d8a; --focus: #1f6fd1;
  --shadow: 0 2px 10px rgba(0,0,0,.25);
  font: 600 13px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg);
  color-scheme: light;
  direction: ltr;
}
.wrap.dark {
  --bg: #1f1f1d; --fg: #f1f0ed; --border: rgba(255,255,255,.25); --accent: #8db8e6; --focus: #8db8e6;
  --shadow: 0 2px 12px rgba(0,0,0,.7);
  color-scheme: dark;
}
.toggle {
  position: absolute;
  pointer-events: auto;
  white-space: nowrap;
  font: inherit; color: var(--fg); margin: 0;
  padding: 8px 14px;
  border-radius: 999px;
  border: 1px solid var(--border);
  background: var(--bg);
  box-shadow: var(--shadow);
  cursor: pointer;
}
.toggle[aria-expanded="true"] { color: var(--accent); }
.toggle:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.frame {
  position: absolute;
  pointer-events: auto;
  width: min(380px, calc(100vw - 32px));
  height: min(560px, calc(100vh - 96px));
  border: 1px solid var(--border);
  border-radius: 12px;
  background: var(--bg);
  box-shadow: 0 8px 28px rgba(0,0,0,.35);
  color-scheme: normal;
  animation: tasteful-open 140ms ease-out;
}
.frame:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.wrap:not(.placed) .toggle { visibility: hidden; }
.spot-bottom-right { right: 16px; bottom: 16px; }
.spot-bottom-left { left: 16px; bottom: 16px; }
.spot-top-right { right: 16px; top: 16px; }
.spot-top-left { left: 16px; top: 16px; }
.spot-edge-right { right: 0; }
.spot-edge-left { left: 0; }
.spot-bottom-right .toggle { right: 0; bottom: 0; } .spot-bottom-right .frame { right: 0; bottom: 46px; }
.spot-bottom-left .toggle { left: 0; bottom: 0; } .spot-bottom-left .frame { left: 0; bottom: 46px; }
.spot-top-right .toggle { right: 0; top: 0; } .spot-top-right .frame { right: 0; top: 46px; }
.spot-top-left .toggle { left: 0; top: 0; } .spot-top-left .frame { left: 0; top: 46px; }
.spot-edge-right .toggle, .spot-edge-left .toggle {
  top: 0; transform: translateY(-50%); box-sizing: border-box; width: 22px;
  writing-mode: vertical-rl; padding: 10px 0; font-size: 12px; line-height: 20px;
}
.spot-edge-right .toggle { right: 0; border-radius: 8px 0 0 8px; border-right: 0; }
.spot-edge-left .toggle { left: 0; border-radius: 0 8px 8px 0; border-left: 0; }
.spot-edge-right .frame, .spot-edge-left .frame { top: 0; transform: translateY(-50%); animation: none; }
.spot-edge-right .frame { right: 30px; }
.spot-edge-left .frame { left: 30px; }
@keyframes tasteful-open { from { opacity: 0; transform: translateY(6px); } to { opacity: 1; transform: none; } }
@media (prefers-reduced-motion: reduce) { .frame { animation: none !important; } }
@media (forced-colors: active) { .toggle, .frame { border: 1px solid CanvasText; } }
`;
