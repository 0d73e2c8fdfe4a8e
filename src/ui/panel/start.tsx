/**
 * Boots the panel page: verifies it is running as our own extension page (an iframe of
 * `panel.html` that some other origin serves, or a copy opened elsewhere, renders nothing
 * and asks nothing), then renders the app. Applies the host page's look when the host passed
 * one, `prefers-color-scheme` otherwise.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { isExtensionPage, readParams } from './guard';
import { PanelApp } from './PanelApp';

export function startPanel(root: HTMLElement, win: Window = window): boolean {
  let ownRoot = '';
  try {
    ownRoot = browser.runtime.getURL('/');
  } catch {
    ownRoot = ''; // no extension context (the page was orphaned by an update): the guard below refuses to render
  }
  if (!ownRoot || !isExtensionPage(win.location, ownRoot)) {
    root.textContent = 'This panel only works inside the Tasteful extension.';
    return false;
  }
  const { site, theme } = readParams(win.location.search);
  if (theme) win.document.documentElement.dataset.theme = theme;
  const embedded = win.top !== win.self;
  render(<PanelApp site={site} embedded={embedded} />, root);
  return true;
}
