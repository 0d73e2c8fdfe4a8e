// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { fakeBrowser } from 'wxt/testing/fake-browser';
import { shadowRootOf } from '../badges/shadow-host';
import { mountPanel, PANEL_TAG } from './panel-host';
import { PANEL_CLOSE } from './panel-messages';

const wait = (ms = 0) => new Promise((r) => setTimeout(r, ms));
const host = () => document.querySelector(PANEL_TAG);
const shadow = () => shadowRootOf(host()!)!;
const toggle = () => shadow().querySelector<HTMLButtonElement>('button.toggle')!;
const frame = () => shadow().querySelector('iframe');

/** Whether anything listens to runtime messages (the fake's events can tell; their types do not say so). */
const listening = () => (fakeBrowser.runtime.onMessage as unknown as { hasListeners(): boolean }).hasListeners();

let ac: AbortController;
beforeEach(() => {
  fakeBrowser.reset();
  ac = new AbortController();
});
afterEach(() => ac.abort());

describe('panel host', () => {
  it('mounts an empty, attribute-less host with a collapsed toggle', () => {
    mountPanel({ site: 'demo.test', signal: ac.signal });
    expect(host()).not.toBeNull();
    expect(host()!.attributes.length).toBe(0);
    expect(host()!.childNodes.length).toBe(0);
    expect((host() as unknown as { shadowRoot: ShadowRoot | null }).shadowRoot).toBeNull();
    expect(toggle().textContent).toBe('Picked for you');
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
    expect(frame()).toBeNull();
  });

  it('opens an extension-origin iframe for the site and closes it again, focus back on the toggle', async () => {
    const panel = mountPanel({ site: 'demo.test', signal: ac.signal });
    toggle().click();
    await wait();
    const src = new URL(frame()!.getAttribute('src')!.replace('chrome-extension:', 'http:'));
    expect(frame()!.getAttribute('src')!.startsWith('chrome-extension://test-extension-id/panel.html?')).toBe(true);
    expect(src.searchParams.get('site')).toBe('demo.test');
    expect(toggle().getAttribute('aria-expanded')).toBe('true');
    toggle().dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await wait();
    expect(frame()).toBeNull();
    expect(shadow().activeElement).toBe(toggle());
    panel.toggle();
    await wait();
    expect(frame()).not.toBeNull();
    panel.close();
    await wait();
    expect(frame()).toBeNull();
  });

  it('closes on a close message from our own extension only', async () => {
    const panel = mountPanel({ site: 'demo.test', signal: ac.signal });
    panel.open();
    await wait();
    await fakeBrowser.runtime.onMessage.trigger({ type: PANEL_CLOSE }, { id: 'someone-else' });
    await wait();
    expect(frame()).not.toBeNull();
    window.postMessage({ type: PANEL_CLOSE }, '*');
    await wait(10);
    expect(frame()).not.toBeNull();
    await fakeBrowser.runtime.onMessage.trigger({ type: PANEL_CLOSE }, { id: fakeBrowser.runtime.id });
    await wait();
    expect(frame()).toBeNull();
  });

  it('leaves nothing behind on abort', () => {
    mountPanel({ site: 'demo.test', signal: ac.signal });
    expect(listening()).toBe(true);
    ac.abort();
    expect(host()).toBeNull();
    expect(listening()).toBe(false);
  });

  it('sits in a corner that covers nothing, and docks to the edge when every corner is taken', () => {
    const link = document.createElement('a');
    link.href = '/t/1';
    document.body.appendChild(link);
    const original = document.elementsFromPoint;
    // The page's last row: a link under the whole bottom-right quadrant.
    document.elementsFromPoint = (x: number, y: number) => (x > innerWidth / 2 && y > innerHeight / 2 ? [host()!, link] : [host()!, document.body]);
    try {
      mountPanel({ site: 'demo.test', signal: ac.signal });
      const wrap = shadow().querySelector('.wrap')!;
      expect(wrap.className).toContain('spot-bottom-left');
      expect(wrap.className).toContain('placed');
      ac.abort();
      ac = new AbortController();
      document.elementsFromPoint = () => [host()!, link];
      mountPanel({ site: 'demo.test', signal: ac.signal });
      expect(shadow().querySelector('.wrap')!.className).toContain('spot-edge-right');
      expect(toggle().textContent).toBe('Picked for you'); // still a labelled button
    } finally {
      document.elementsFromPoint = original;
      link.remove();
    }
  });

  it("a click on the launcher never reaches the page's handlers", () => {
    mountPanel({ site: 'demo.test', signal: ac.signal });
    const seen: string[] = [];
    const onPage = (e: Event) => seen.push(e.type);
    for (const t of ['pointerdown', 'mousedown', 'click']) document.addEventListener(t, onPage);
    try {
      toggle().dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      toggle().dispatchEvent(new MouseEvent('mousedown', { bubbles: true, composed: true }));
      toggle().click();
      expect(seen).toEqual([]);
      expect(toggle().getAttribute('aria-expanded')).toBe('true'); // the click still did its job
    } finally {
      for (const t of ['pointerdown', 'mousedown', 'click']) document.removeEventListener(t, onPage);
    }
  });
});
