/**
 * The small surface the cross-browser scenarios need, implemented once over playwright-core
 * (Chromium) and once over puppeteer-core (Firefox, WebDriver BiDi). Scenarios see only this,
 * so each is written once and runs on both browsers.
 */
export interface DriverPage {
  /** Navigates and waits for the load (web pages only; see `ExtensionDriver.extensionPage`). */
  goto(url: string): Promise<void>;
  url(): string;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  click(selector: string): Promise<void>;
  /** Replaces an input's value by typing, as a user would. */
  fill(selector: string, text: string): Promise<void>;
  setInputFile(selector: string, path: string): Promise<void>;
  waitFor(selector: string, timeout?: number): Promise<void>;
  close(): Promise<void>;
}

export interface ExtensionDriver {
  readonly browserName: 'chromium' | 'firefox';
  newPage(): Promise<DriverPage>;
  /** An extension page (`options.html`, `popup.html`, …), opened and rendered. */
  extensionPage(path: string): Promise<DriverPage>;
  /**
   * The address a page would probe to detect Tasteful from the outside, or null when the
   * browser gives the extension no fixed address (Firefox: a random UUID per install).
   */
  guessablePanelUrl(): string | null;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Send every request through this HTTP proxy (loopback included). */
  proxyPort?: number;
}

/** Polls `fn` until it returns a truthy value; errors while a page navigates count as "not yet". */
export async function poll<T>(what: string, fn: () => Promise<T>, { timeout = 20_000, interval = 200 } = {}): Promise<NonNullable<T>> {
  const end = Date.now() + timeout;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
      last = v;
    } catch (err) {
      last = err instanceof Error ? err.message : err; // a context torn down by navigation: try again
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)?.slice(0, 500)}`);
}
