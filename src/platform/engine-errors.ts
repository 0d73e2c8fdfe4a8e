/**
 * The two ways an engine call fails, as types so each is handled at one layer:
 * - `EngineUnreachable`: the call never reached a working engine (the offscreen document not
 *   ready yet, "Receiving end does not exist", no answer, a worker that died). The engine
 *   client retries these (see engine-client.ts), restarting the host when it is dead.
 * - `EngineFailed`: the engine ran the call and it threw (a bad batch, a store read that
 *   failed). Retrying would fail the same way and the worker is healthy, so it is reported,
 *   not retried, and nothing is restarted.
 */
export class EngineUnreachable extends Error {
  override readonly name = 'EngineUnreachable';
}

export class EngineFailed extends Error {
  override readonly name = 'EngineFailed';
}

/** How the offscreen document answers an engine call over runtime messaging. */
export type EngineReply = { ok: true; value: unknown } | { ok: false; error: string };

const NO_RECEIVER = /receiving end does not exist|could not establish connection/i;

/** A rejected `runtime.sendMessage`: every such failure is one of transport. */
export function transportError(err: unknown): EngineUnreachable {
  const message = err instanceof Error ? err.message : String(err);
  return new EngineUnreachable(NO_RECEIVER.test(message) ? `engine not ready: ${message}` : message, { cause: err });
}
