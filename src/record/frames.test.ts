// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeAdapter, fakeVideo, startTestRecorder } from '../../test/support/record-test-utils';
import { findMainMedia } from '../sites/shared/media';
import { watchSameOriginFrames } from './frames';

/**
 * A stand-in iframe whose document is `d`, or one that throws as a cross-origin frame does.
 * happy-dom loads no frame pages, so an element named `iframe` outside the HTML namespace
 * plays the part: the selector and the tag test see an iframe, and nothing tries to load it.
 */
function frameWith(d: Document | 'cross-origin'): HTMLIFrameElement & { show(next: Document): void } {
  const frame = document.createElementNS('urn:test:frame', 'iframe') as unknown as HTMLIFrameElement & { show(next: Document): void };
  let current = d;
  Object.defineProperty(frame, 'contentDocument', {
    get: () => {
      if (current === 'cross-origin') throw new DOMException('Blocked a frame', 'SecurityError');
      return current;
    },
  });
  frame.show = (next) => {
    current = next;
    frame.dispatchEvent(new Event('load'));
  };
  return frame;
}

const blank = () => document.implementation.createHTMLDocument('player');

afterEach(() => {
  document.body.innerHTML = '';
});

describe('same-origin frames', () => {
  it('hands over the frames there now and each document a frame loads later; a cross-origin frame is left', () => {
    const first = blank();
    const a = frameWith(first);
    const far = frameWith('cross-origin');
    document.body.append(a, far);
    const seen: Document[] = [];
    const life = new AbortController();
    const frames = watchSameOriginFrames(document, life.signal, (d) => seen.push(d));
    expect(seen).toEqual([first]);
    expect(frames.frameOf(first)).toBe(a);
    expect(frames.frameOf(document)).toBeNull();

    const next = blank();
    a.show(next);
    a.dispatchEvent(new Event('load')); // the same document again: not twice
    expect(seen).toEqual([first, next]);

    const later = blank();
    const b = frameWith(later);
    document.body.append(b);
    b.dispatchEvent(new Event('load'));
    expect(seen).toEqual([first, next, later]);
    expect(frames.frameOf(later)).toBe(b);

    life.abort();
    a.show(blank());
    expect(seen).toHaveLength(3);
  });
});

describe('the watch recorder and a framed player', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
  });
  afterEach(() => vi.useRealTimers());

  it('records the framed player under the page that frames it, and closes when the frame goes', () => {
    const { send, life } = startTestRecorder({ adapter: fakeAdapter({ findPlayer: (doc) => findMainMedia(doc) }) });
    const inner = blank();
    const frame = frameWith(inner);
    document.body.append(frame);
    frame.dispatchEvent(new Event('load'));
    const v = fakeVideo({ duration: 5400, el: inner.createElement('video') });
    inner.body.append(v.el);
    v.play();
    v.run(12);
    expect(send.of('watch/progress').at(-1)?.progress).toMatchObject({ title: { siteItemId: 'm1', title: 'Alien' }, final: false });
    frame.remove(); // the app closes its player: the session ends with what was watched
    vi.advanceTimersByTime(1_100);
    const last = send.of('watch/progress').at(-1)!.progress;
    expect(last.final).toBe(true);
    expect(last.secondsWatched).toBeCloseTo(12, 0);
    life.abort();
  });
});
