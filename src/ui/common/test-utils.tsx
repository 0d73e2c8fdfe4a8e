/** Helpers for the UI's DOM tests (happy-dom): render into a fresh container and wait for async UI. */
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';

export interface Mounted {
  readonly container: HTMLElement;
  byTestId<T extends HTMLElement = HTMLElement>(id: string): T | null;
  allByTestId<T extends HTMLElement = HTMLElement>(id: string): T[];
  unmount(): void;
}

export async function mount(ui: ComponentChild): Promise<Mounted> {
  const container = document.createElement('div');
  document.body.append(container);
  await act(async () => {
    render(ui, container);
  });
  return {
    container,
    byTestId: <T extends HTMLElement>(id: string) => container.querySelector<T>(`[data-testid="${id}"]`),
    allByTestId: <T extends HTMLElement>(id: string) => [...container.querySelectorAll<T>(`[data-testid="${id}"]`)],
    unmount: () => {
      render(null, container);
      container.remove();
    },
  };
}

/** Polls `check` (inside act, so effects flush) until it returns a truthy value or time runs out. */
export async function waitFor<T>(check: () => T | null | undefined | false, timeoutMs = 3000): Promise<T> {
  const start = Date.now();
  for (;;) {
    let value: T | null | undefined | false;
    let error: unknown;
    await act(async () => {
      await new Promise((r) => setTimeout(r, 5));
    });
    try {
      value = check();
    } catch (err) {
      error = err;
    }
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw error instanceof Error ? error : new Error(`waitFor timed out after ${timeoutMs} ms`);
  }
}

export async function click(el: Element | null): Promise<void> {
  if (!el) throw new Error('click: no element');
  await act(async () => {
    (el as HTMLElement).click();
  });
}

/** Sets a form control's value and fires the events Preact listens to. */
export async function change(el: Element | null, value: string, events: readonly string[] = ['input', 'change']): Promise<void> {
  if (!el) throw new Error('change: no element');
  await act(async () => {
    (el as HTMLInputElement).value = value;
    for (const type of events) el.dispatchEvent(new Event(type, { bubbles: true }));
  });
}

/** Gives a file input a file and fires "change", as a user picking it would. */
export async function chooseFile(input: Element | null, file: File): Promise<void> {
  if (!input) throw new Error('chooseFile: no input');
  await act(async () => {
    Object.defineProperty(input, 'files', { configurable: true, value: [file] });
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
