import { describe, expect, it, vi } from 'vitest';
import { newId } from './types';

describe('newId', () => {
  it('makes v4 UUIDs, also where randomUUID is missing (plain-http pages)', () => {
    expect(newId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    vi.stubGlobal('isSecureContext', false);
    const ids = new Set(Array.from({ length: 100 }, () => newId()));
    vi.unstubAllGlobals();
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
