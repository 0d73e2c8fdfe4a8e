import { describe, expect, it } from 'vitest';
import { freshDb } from '../../test/support/store-test-support';
import { wipeAll } from './delete';
import { addDiagnostic, DIAGNOSTICS_CAP, formatDiagnostics, MAX_MESSAGE, readDiagnostics } from './diagnostics';
import { exportToString } from './export';

describe('the diagnostic log', () => {
  it('keeps the newest notes up to its cap, newest first, each message bounded', async () => {
    const db = await freshDb();
    for (let i = 0; i < DIAGNOSTICS_CAP + 15; i++) await addDiagnostic(db, 'test', new Error(`failure ${i}`), 1_720_000_000_000 + i);
    await addDiagnostic(db, 'test', 'x'.repeat(5 * MAX_MESSAGE), 1_720_000_001_000);
    const notes = await readDiagnostics(db);
    expect(notes).toHaveLength(DIAGNOSTICS_CAP);
    expect(notes[0]!.message).toHaveLength(MAX_MESSAGE);
    expect(notes[1]!.message).toBe(`Error: failure ${DIAGNOSTICS_CAP + 14}`);
    expect(notes.at(-1)!.message).toBe('Error: failure 16');
    expect(formatDiagnostics(notes.slice(1, 2))).toBe(
      `${new Date(1_720_000_000_000 + DIAGNOSTICS_CAP + 14).toISOString()} [test] Error: failure ${DIAGNOSTICS_CAP + 14}`,
    );
  });

  it('is not part of the export, and wipe clears it', async () => {
    const db = await freshDb();
    await addDiagnostic(db, 'router', new Error('secret-looking failure'));
    const exported = await exportToString(db, { exportedAt: 1_720_000_000_000 });
    expect(exported).not.toContain('secret-looking failure');
    expect(exported).not.toContain('diagnostics');
    await wipeAll(db);
    expect(await db.diagnostics.count()).toBe(0);
  });
});
