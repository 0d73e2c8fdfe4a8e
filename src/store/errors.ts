/**
 * Typed store failures. A full disk is the one failure a caller should react to (pause
 * recording, tell the user) rather than log, so it gets its own class.
 */

export class StoreFullError extends Error {
  override readonly name = 'StoreFullError';
  constructor(
    readonly operation: string,
    options?: { cause?: unknown },
  ) {
    super(`The local store is full; "${operation}" was not saved and nothing stored was changed.`, options);
  }
}

/**
 * A full disk as Chromium reports it when no quota applies (an extension with
 * `unlimitedStorage`): LevelDB's append fails and the transaction aborts with an
 * `UnknownError` whose message names the OS error, e.g. "Connection is closing because of:
 * IO error: …/000003.log: FILE_ERROR_NO_SPACE (ChromeMethodBFE: 3::WritableFileAppend::8)".
 */
const DISK_FULL_MESSAGE = /FILE_ERROR_NO_SPACE|No space left on device/;

/** Dexie wraps the DOMException (inner, failures, cause) depending on where it surfaced. */
export function isQuotaError(err: unknown, depth = 0): boolean {
  if (depth > 5 || err === null || typeof err !== 'object') return false;
  const e = err as { name?: unknown; message?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (e.name === 'QuotaExceededError') return true;
  if (typeof e.message === 'string' && DISK_FULL_MESSAGE.test(e.message)) return true;
  if (isQuotaError(e.inner, depth + 1) || isQuotaError(e.cause, depth + 1)) return true;
  return Array.isArray(e.failures) && e.failures.some((f) => isQuotaError(f, depth + 1));
}

/**
 * Runs a write; a quota failure becomes StoreFullError. Callers run their writes inside a
 * Dexie transaction, so by the time this rethrows the transaction has rolled back.
 */
export async function guardQuota<T>(operation: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isQuotaError(err)) throw new StoreFullError(operation, { cause: err });
    throw err;
  }
}
