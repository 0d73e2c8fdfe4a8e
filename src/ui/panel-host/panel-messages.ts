/**
 * The one message between the panel iframe and its host in the page: "close me" (Escape
 * pressed inside the panel, where the host cannot see key presses). It travels through
 * `browser.tabs.sendMessage` from the extension page straight to this tab's top-frame
 * content script, so the page can neither see nor forge it (no `window.postMessage`).
 */
export const PANEL_CLOSE = 'tasteful/panel-close' as const;

export interface PanelCloseMessage {
  type: typeof PANEL_CLOSE;
}

export function isPanelClose(message: unknown): message is PanelCloseMessage {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === PANEL_CLOSE;
}
