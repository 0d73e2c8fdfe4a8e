/**
 * Tells when the page's URL changes without a page load (single-page apps). A content script
 * runs in an isolated world, so it cannot wrap the page's own history.pushState: we listen
 * to what the platform does expose (popstate, hashchange, the Navigation API where present)
 * and compare location.href on a slow poll for everything else.
 */

/** Poll period for pushState navigations the events miss; a string compare, so cheap. */
export const URL_POLL_MS = 500;

interface NavigationLike extends EventTarget {}

export function watchUrl(win: Window, signal: AbortSignal, onChange: (url: URL, previous: URL) => void): void {
  let last = win.location.href;
  const check = () => {
    const now = win.location.href;
    if (now === last) return;
    const previous = last;
    last = now;
    try {
      onChange(new URL(now), new URL(previous));
    } catch {
      // A listener failing must not stop the watcher.
    }
  };
  const opts = { signal } as AddEventListenerOptions;
  win.addEventListener('popstate', check, opts);
  win.addEventListener('hashchange', check, opts);
  const nav = (win as Window & { navigation?: NavigationLike }).navigation;
  // currententrychange fires after same-document navigations, pushState included.
  nav?.addEventListener?.('currententrychange', () => setTimeout(check, 0), opts);
  const timer = win.setInterval(check, URL_POLL_MS);
  signal.addEventListener('abort', () => win.clearInterval(timer), { once: true });
}
