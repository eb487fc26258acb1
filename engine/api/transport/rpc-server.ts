import { apiOperations, type ApiOperation, type EngineEvent, type PacketLensApi } from '../contract';
import type { Transport, WireMessage } from './messages';

/** An API implementation that may also push events (the engine's `onEvent`). */
export type ServedApi = PacketLensApi & { onEvent?(listener: (event: EngineEvent) => void): () => void };

const knownOperations = new Set<string>(apiOperations);

/**
 * The engine's side of the RPC layer: answers calls arriving on `transport` from `api` and
 * forwards the engine's events. Incoming messages are untrusted: anything but a well-formed call
 * of a contract operation is answered with an error or dropped; arguments are checked by the API
 * implementation itself. Errors cross as their message only (no stack traces).
 * Returns a disposer that stops serving (the API itself stays alive for other connections).
 */
export function serveApi(api: ServedApi, transport: Transport): () => void {
  const stopEvents = api.onEvent?.((event) => {
    try {
      transport.send({ kind: 'event', event });
    } catch {
      // The peer went away; onClose stops the subscription.
    }
  });

  const answer = (message: WireMessage) => {
    try {
      transport.send(message);
    } catch {
      // The peer went away while we were working: nothing to answer.
    }
  };

  const stopMessages = transport.onMessage((message: unknown) => {
    if (!isCall(message)) return;
    const { id, operation, args } = message;
    if (!knownOperations.has(operation)) {
      answer({ kind: 'error', id, message: `unknown operation ${JSON.stringify(String(operation)).slice(0, 80)}` });
      return;
    }
    const method = api[operation as ApiOperation] as (...values: unknown[]) => Promise<unknown>;
    Promise.resolve()
      .then(() => method.apply(api, args))
      .then(
        (value) => answer({ kind: 'result', id, value }),
        (error: unknown) => answer({ kind: 'error', id, message: error instanceof Error ? error.message : String(error) }),
      );
  });

  const stop = () => {
    stopEvents?.();
    stopMessages();
    stopClose();
  };
  const stopClose = transport.onClose(stop);
  return stop;
}

function isCall(message: unknown): message is { id: number; operation: string; args: unknown[] } {
  if (message === null || typeof message !== 'object') return false;
  const candidate = message as Record<string, unknown>;
  return candidate.kind === 'call' && Number.isSafeInteger(candidate.id) && typeof candidate.operation === 'string' && Array.isArray(candidate.args);
}
