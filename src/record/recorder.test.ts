// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecordingState } from '../messages/replies';
import type { ObserverFactory } from './impressions';
import { RECHECK_MS, startRecorder } from './recorder';
import { fakeAdapter, fakeSend, manualIdle, settle } from '../../test/support/record-test-utils';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
  history.replaceState(null, '', '/');
});

const noObserver: ObserverFactory = () => ({ observe() {}, unobserve() {}, disconnect() {} });

async function setup(recording: RecordingState) {
  history.replaceState(null, '', '/search?q=alien');
  document.body.innerHTML = '<input type="search"><a class="tile" data-id="m1">Alien</a><a class="tile" data-id="m2">Aliens</a>';
  const send = fakeSend({ recording });
  const idle = manualIdle();
  const life = new AbortController();
  const rec = startRecorder({ adapter: fakeAdapter(), signal: life.signal, send, idle, makeObserver: noObserver });
  await settle();
  idle.runAll();
  return { send, idle, life, rec };
}

const recorded = (send: ReturnType<typeof fakeSend>) => send.sent.filter((m) => m.type !== 'state/get');

describe('recorder', () => {
  it('records when the state is on', async () => {
    const { send, rec } = await setup('on');
    expect(rec.isRecording()).toBe(true);
    vi.advanceTimersByTime(5_000);
    expect(send.of('titles/seen')[0]?.titles.map((t) => t.siteItemId)).toEqual(['m1', 'm2']);
    expect(send.of('search/record').map((m) => m.query)).toEqual(['alien']);
    expect(send.of('search/record')[0]!.ctx.site).toBe('demo.test');
  });

  for (const state of ['paused', 'site-paused', 'private', 'not-enabled', 'store-full'] as const) {
    it(`sends nothing but the state question when the state is ${state}`, async () => {
      const { send, idle } = await setup(state);
      idle.runAll();
      vi.advanceTimersByTime(10_000);
      const input = document.querySelector('input')!;
      input.value = 'heat';
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      document.querySelector<HTMLElement>('a.tile')!.click();
      vi.advanceTimersByTime(10_000);
      expect(send.of('state/get').length).toBeGreaterThan(0);
      expect(recorded(send)).toEqual([]);
    });
  }

  it('starts when recording is turned on, and stops sending when it turns off', async () => {
    const { send, idle, rec } = await setup('paused');
    send.state.recording = 'on';
    vi.advanceTimersByTime(RECHECK_MS);
    await settle();
    idle.runAll();
    expect(rec.isRecording()).toBe(true);
    vi.advanceTimersByTime(2_000);
    expect(send.of('titles/seen').length).toBe(1);

    send.state.recording = 'paused';
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange')); // re-asks at once
    await settle();
    expect(rec.isRecording()).toBe(false);
    const before = recorded(send).length;
    document.body.insertAdjacentHTML('beforeend', '<a class="tile" data-id="m3">Alien 3</a>');
    const input = document.querySelector('input')!;
    input.value = 'heat';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await settle();
    idle.runAll();
    vi.advanceTimersByTime(10_000);
    expect(recorded(send).length).toBe(before);
  });

  it('treats a failed state question as off', async () => {
    const send = fakeSend();
    const failing = (async () => ({ ok: false, error: 'no reply from the background' })) as unknown as typeof send;
    const life = new AbortController();
    const rec = startRecorder({ adapter: fakeAdapter(), signal: life.signal, send: failing, idle: manualIdle(), makeObserver: noObserver });
    await settle();
    expect(rec.isRecording()).toBe(false);
  });

  it('stops everything when the content script is invalidated', async () => {
    const { send, life, rec, idle } = await setup('on');
    life.abort();
    expect(rec.isRecording()).toBe(false);
    const n = send.sent.length;
    document.body.insertAdjacentHTML('beforeend', '<a class="tile" data-id="m4">Alien 4</a>');
    await settle();
    idle.runAll();
    vi.advanceTimersByTime(RECHECK_MS * 2);
    await settle();
    expect(send.sent.length).toBe(n);
  });

  it('reading a detail page for 4 s and leaving is interest, not a skip (issue 13)', async () => {
    const { send } = await setup('on');
    vi.advanceTimersByTime(2_000); // the search URL settles and is recorded
    history.pushState(null, '', '/title/m1');
    window.dispatchEvent(new PopStateEvent('popstate'));
    vi.advanceTimersByTime(4_000);
    history.pushState(null, '', '/');
    window.dispatchEvent(new PopStateEvent('popstate'));
    vi.advanceTimersByTime(10_000);
    window.dispatchEvent(new Event('pagehide'));
    expect(send.of('skip/record')).toEqual([]);
    // The visit did register: a search it followed is attributed to it.
    expect(send.of('search/opened').map((m) => m.title.siteItemId)).toEqual(['m1']);
  });
});
