/**
 * The local diagnostic log: failures that were handled (an engine call given up on, a store
 * write that failed, a retry that ran out) are noted here instead of vanishing, so a user who
 * reports a problem can copy them from the dashboard. It never leaves the machine (nothing
 * sends it; it is not part of the export), it is cleared by "delete everything", and it keeps
 * only the newest `DIAGNOSTICS_CAP` notes of at most `MAX_MESSAGE` characters each.
 */
import type { TastefulDB } from './db';

export interface DiagnosticRecord {
  /** Auto-incremented: insertion order, so the oldest notes are the first keys. */
  seq?: number;
  at: number;
  /** Which part noted it ("engine-client", "router", "dashboard/import"). */
  where: string;
  message: string;
}

export const DIAGNOSTICS_CAP = 200;
export const MAX_MESSAGE = 500;

export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return typeof err === 'string' ? err : (JSON.stringify(err) ?? String(err));
}

/** Appends a note and trims the log to its cap, in one transaction. */
export async function addDiagnostic(db: TastefulDB, where: string, err: unknown, now = Date.now()): Promise<void> {
  const message = describeError(err).slice(0, MAX_MESSAGE);
  await db.transaction('rw', db.diagnostics, async () => {
    await db.diagnostics.add({ at: now, where: where.slice(0, 64), message });
    const over = (await db.diagnostics.count()) - DIAGNOSTICS_CAP;
    if (over > 0) await db.diagnostics.orderBy(':id').limit(over).delete();
  });
}

/** Newest first. */
export async function readDiagnostics(db: TastefulDB): Promise<DiagnosticRecord[]> {
  return db.diagnostics.orderBy(':id').reverse().toArray();
}

export async function clearDiagnostics(db: TastefulDB): Promise<void> {
  await db.diagnostics.clear();
}

/** Plain text for the clipboard: one line per note, oldest last as shown. */
export function formatDiagnostics(notes: readonly DiagnosticRecord[]): string {
  return notes.map((n) => `${new Date(n.at).toISOString()} [${n.where}] ${n.message}`).join('\n');
}

let sink: (() => Promise<TastefulDB | null>) | null = null;

/** Where `diagnose()` writes in this context (each extension context opens its own store). */
export function useDiagnosticStore(open: () => Promise<TastefulDB | null>): void {
  sink = open;
}

/**
 * Notes a handled failure without making the caller wait or fail: the log is an aid, so a
 * failure to write it (the disk is full, no store in this context) goes to the console, the
 * last place left.
 */
export function diagnose(where: string, err: unknown): void {
  const open = sink;
  if (!open) {
    console.warn(`[tasteful] ${where}:`, err);
    return;
  }
  void open()
    .then((db) => (db ? addDiagnostic(db, where, err) : console.warn(`[tasteful] ${where}:`, err)))
    .catch((logErr: unknown) => console.warn(`[tasteful] ${where}:`, err, '(not logged:', logErr, ')'));
}
