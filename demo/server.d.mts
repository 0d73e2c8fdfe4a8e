// Types for demo/server.mjs (plain ESM, so tests and scripts in TypeScript can import it).
import type { Server } from 'node:http';

export const DEFAULT_PORT: number;
export interface DemoServer {
  /** e.g. "http://127.0.0.1:5178" (no trailing slash) */
  url: string;
  port: number;
  host: string;
  server: Server;
  close(): Promise<void>;
}
export function startDemoServer(options?: { port?: number; host?: string; quiet?: boolean }): Promise<DemoServer>;
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null;
export function resolveTitle(id: string): import('./catalog.mjs').CatalogEntry | null;
