// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import type { PickItem, Picks } from '../../engine/api';

const mocks = vi.hoisted(() => ({
  sendMessage: vi.fn(),
  tabsSend: vi.fn(),
  getCurrent: vi.fn(),
}));

import { fakeBrowser } from 'wxt/testing/fake-browser';
import { act } from 'preact/test-utils';
import { PanelApp } from './PanelApp';
import { startPanel } from './start';
import { isExtensionPage, readParams } from './guard';

const wait = (ms = 0) => new Promise((r) => setTimeout(r, ms));
async function until(fn: () => unknown, ms = 2_000) {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error('timed out');
    await wait(5);
  }
}

function item(n: number, over: Partial<PickItem> = {}): PickItem {
  return {
    titleId: `demo.test:m${n}`,
    titleKey: `movie:title ${n}`,
    title: `Title ${n}`,
    year: 2000 + n,
    kind: 'movie',
    genres: ['Drama'],
    imageUrl: `https://img.demo.test/${n}.jpg`,
    url: `https://demo.test/title/m${n}`,
    site: 'demo.test',
    match: 80 + (n % 10),
    why: [`Because you watched Title ${n + 100}`],
    ...over,
  };
}

function picks(rows: Picks['rows']): Picks {
  return { rows, evidence: 12, generatedAt: 1_700_000_000_000 };
}

let current: Picks;
let root: HTMLElement;

beforeEach(() => {
  current = picks([
    { id: 'top', label: 'Top picks for you', items: Array.from({ length: 12 }, (_, i) => item(i)) },
    { id: 'because:alien', label: 'Because you watched Alien', items: [item(50, { url: 'javascript:alert(1)', imageUrl: 'javascript:x' })] },
  ]);
  // WXT's fake browser, with the calls the panel makes routed to these mocks.
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((...args: unknown[]) => mocks.sendMessage(...args));
  vi.spyOn(fakeBrowser.tabs, 'getCurrent').mockImplementation((...args: unknown[]) => mocks.getCurrent(...args));
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((...args: unknown[]) => mocks.tabsSend(...args));
  mocks.sendMessage.mockReset();
  mocks.sendMessage.mockImplementation(async (msg: { type: string }) => {
    if (msg.type === 'picks/get') return { ok: true, value: current };
    if (msg.type === 'rating/set-by-id') return { ok: true, value: null };
    return { ok: false, error: 'unexpected' };
  });
  mocks.tabsSend.mockReset();
  mocks.getCurrent.mockReset();
  mocks.getCurrent.mockResolvedValue({ id: 7 });
  root = document.createElement('div');
  document.body.appendChild(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
});

const q = (id: string) => Array.from(root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));

describe('panel app', () => {
  it('renders rows and up to ten items each from picks/get', async () => {
    render(<PanelApp site="demo.test" embedded={false} />, root);
    await until(() => q('panel-item').length > 0);
    expect(mocks.sendMessage).toHaveBeenCalledWith({ type: 'picks/get', site: 'demo.test', panel: true });
    const rows = q('panel-row');
    expect(rows.map((r) => r.dataset.rowId)).toEqual(['top', 'because:alien']);
    expect(rows[0]!.querySelector('h2')?.textContent).toBe('Top picks for you');
    expect(rows[0]!.querySelectorAll('[data-testid="panel-item"]')).toHaveLength(10);
    const first = rows[0]!.querySelector<HTMLElement>('[data-testid="panel-item"]')!;
    expect(first.textContent).toContain('Title 0');
    expect(first.textContent).toContain('2000');
    expect(first.textContent).toContain('80% match');
    const link = first.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://demo.test/title/m0');
    expect(link.getAttribute('target')).toBe('_top');
    // Remote posters are off by default (the extension CSP blocks them anyway): the initial shows.
    expect(first.querySelector('img')).toBeNull();
    expect(first.querySelector('.initial')?.textContent).toBe('T');
    const why = first.querySelector('[data-testid="panel-why"]')!;
    expect(why.textContent).toContain('Because you watched Title 100');
  });

  it('shows http(s) and data: posters when remote posters are allowed', async () => {
    current = picks([
      { id: 'r', label: 'Row', items: [item(1), item(2, { imageUrl: 'data:image/png;base64,AAAA' }), item(3, { imageUrl: 'file:///etc/passwd' })] },
    ]);
    render(<PanelApp site={null} embedded={false} remotePosters={true} />, root);
    await until(() => q('panel-item').length === 3);
    expect(q('panel-item').map((el) => el.querySelector('img')?.getAttribute('src') ?? null)).toEqual([
      'https://img.demo.test/1.jpg',
      'data:image/png;base64,AAAA',
      null,
    ]);
  });

  it('gives no link or poster for non-http URLs and treats titles as text', async () => {
    current = picks([
      {
        id: 'r',
        label: '<b>Row</b>',
        items: [item(1, { title: '<img src=x onerror=alert(1)>', url: 'javascript:alert(1)', imageUrl: 'javascript:x' })],
      },
    ]);
    render(<PanelApp site={null} embedded={false} remotePosters={true} />, root);
    await until(() => q('panel-item').length > 0);
    const it0 = q('panel-item')[0]!;
    expect(it0.querySelector('a')).toBeNull();
    expect(it0.querySelector('img')).toBeNull();
    expect(it0.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(root.querySelector('b')).toBeNull();
  });

  it('rating buttons send rating/set-by-id with the right value, then refresh', async () => {
    render(<PanelApp site="demo.test" embedded={false} />, root);
    await until(() => q('panel-item').length > 0);
    const cases: [string, string][] = [
      ['panel-rate-down', 'down'],
      ['panel-rate-up', 'up'],
      ['panel-rate-love', 'love'],
      ['panel-not-interested', 'not-interested'],
    ];
    for (const [testid, value] of cases) {
      await until(() => q(testid)[2] && !(q(testid)[2] as HTMLButtonElement).disabled);
      mocks.sendMessage.mockClear();
      q(testid)[2]!.click();
      await until(() => mocks.sendMessage.mock.calls.length >= 2);
      await wait(5);
      expect(mocks.sendMessage.mock.calls.map((c) => c[0])).toEqual([
        { type: 'rating/set-by-id', titleId: 'demo.test:m2', value },
        { type: 'picks/get', site: 'demo.test', panel: true },
      ]);
    }
    await until(() => root.querySelector('[role="status"]')?.textContent?.endsWith('Title 2.'));
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Marked not interested: Title 2.');
  });

  it('rating buttons carry a visible text label, an SVG icon and a name with the title; no emoji', async () => {
    render(<PanelApp site="demo.test" embedded={false} />, root);
    await until(() => q('panel-item').length > 0);
    const buttons = ['panel-rate-down', 'panel-rate-up', 'panel-rate-love', 'panel-not-interested'].map((id) => q(id)[0]!);
    expect(buttons.map((b) => b.textContent)).toEqual(['Thumbs down', 'Thumbs up', 'Love', 'Not interested']);
    const title = q('panel-item')[0]!.querySelector('.name')?.textContent ?? '';
    for (const b of buttons) {
      expect(b.getAttribute('aria-label')).toMatch(new RegExp(`^${b.textContent}: `));
      expect(b.getAttribute('aria-label')).toContain(
        title
          .replace(/ \(\d{4}\)$/, '')
          .trim()
          .slice(0, 5),
      );
      expect(b.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
      expect(b.textContent).not.toMatch(/\p{Extended_Pictographic}/u);
    }
  });

  it('shows the learning message for empty rows and an error line when the engine is unavailable', async () => {
    current = picks([]);
    render(<PanelApp site="demo.test" embedded={false} />, root);
    await until(() => root.textContent?.includes('still learning'));
    expect(root.textContent).toContain('Tasteful is still learning — watch a few things');
    render(null, root);
    mocks.sendMessage.mockResolvedValue({ ok: false, error: 'engine unavailable' });
    render(<PanelApp site="demo.test" embedded={false} />, root);
    await until(() => root.querySelector('[role="alert"]'));
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('The recommendation engine is unavailable');
    expect(q('panel-row')).toHaveLength(0);
  });

  it('ignores window messages from the page and never listens for them', async () => {
    const added = vi.spyOn(window, 'addEventListener');
    render(<PanelApp site="demo.test" embedded={true} />, root);
    await until(() => q('panel-item').length > 0);
    await wait(20);
    const before = root.innerHTML;
    const calls = mocks.sendMessage.mock.calls.length;
    const forged = { ok: true, value: picks([{ id: 'evil', label: 'Evil row', items: [item(9)] }]), type: 'picks/get', titleId: 'x', rating: 'love' };
    window.postMessage(forged, '*');
    window.dispatchEvent(new MessageEvent('message', { data: forged, origin: 'https://evil.test' }));
    await wait(20);
    expect(root.innerHTML).toBe(before);
    expect(mocks.sendMessage.mock.calls.length).toBe(calls);
    expect(added.mock.calls.some(([type]) => type === 'message')).toBe(false);
    added.mockRestore();
  });

  it('Escape inside an embedded panel asks the host (via tabs.sendMessage, top frame) to close', async () => {
    // act() runs the effects (the keydown listener) before the key is pressed: a fixed wait
    // raced them on a loaded machine.
    act(() => render(<PanelApp site="demo.test" embedded={true} />, root));
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await until(() => mocks.tabsSend.mock.calls.length > 0);
    expect(mocks.tabsSend).toHaveBeenCalledWith(7, { type: 'tasteful/panel-close' }, { frameId: 0 });
  });
});

describe('panel start-up checks', () => {
  const fakeWin = (href: string) => ({ location: new URL(href), document, top: window, self: window }) as unknown as Window;

  it('renders only as our own extension page', async () => {
    expect(startPanel(root, fakeWin('https://evil.test/panel.html?site=demo.test'))).toBe(false);
    expect(startPanel(root, fakeWin('chrome-extension://other-ext/panel.html?site=demo.test'))).toBe(false);
    await wait(5);
    expect(mocks.sendMessage).not.toHaveBeenCalled();
    expect(root.textContent).toContain('only works inside the Tasteful extension');
    expect(startPanel(root, fakeWin('chrome-extension://test-extension-id/panel.html?site=demo.test&theme=dark'))).toBe(true);
    await until(() => mocks.sendMessage.mock.calls.length > 0);
    expect(mocks.sendMessage).toHaveBeenCalledWith({ type: 'picks/get', site: 'demo.test', panel: true });
    expect(document.documentElement.dataset.theme).toBe('dark');
    delete document.documentElement.dataset.theme;
  });

  it('validates its parameters', () => {
    expect(readParams('?site=demo.test&theme=light')).toEqual({ site: 'demo.test', theme: 'light' });
    expect(readParams('?site=Evil<script>&theme=neon')).toEqual({ site: null, theme: null });
    expect(isExtensionPage({ protocol: 'moz-extension:', host: 'abc', href: '' }, 'moz-extension://abc/')).toBe(true);
    expect(isExtensionPage({ protocol: 'http:', host: 'abc', href: '' }, 'moz-extension://abc/')).toBe(false);
  });
});
