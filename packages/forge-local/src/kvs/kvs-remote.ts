import { BufferedResponse } from '../buffered-response';
import type { RemoteHandler } from '../forge-globals';
import type { KvsWireAnswer } from './local-kvs';
import { connectionReset, stall, type FaultPlan } from '../faults';

/** Who answers the SDK's KVS requests: a LocalKvs on this thread, or one on its own (KvsThread). */
export interface KvsAnswerer {
  answer(path: string, text: string): KvsWireAnswer | Promise<KvsWireAnswer>;
}

/**
 * The `kvs` remote for installForgeGlobals: hands the SDK's fetch call (POST with a JSON string
 * body) to the store and its answer back as a WHATWG Response.
 */
export function kvsRemote(store: KvsAnswerer, faults?: FaultPlan): RemoteHandler {
  const answer = async (path: string, init: RequestInit): Promise<Response> => {
    let text: string;
    try {
      text = bodyText(init.body);
    } catch (error) {
      return jsonResponse({ status: 400, json: JSON.stringify({ code: 'BAD_REQUEST', message: `the request body is not text: ${(error as Error).message}` }) });
    }
    return jsonResponse(await store.answer(path, text));
  };
  return async (path, init) => {
    const fault = faults?.take('kvs', kvsOperationName(path));
    if (!fault) return answer(path, init);
    if ('status' in fault) return faultResponse(fault.status, fault.retryAfterSeconds);
    if ('reset' in fault) {
      if (fault.afterEffect === true) await answer(path, init);
      throw connectionReset();
    }
    if ('stallMs' in fault) await stall(fault.stallMs);
    return answer(path, init);
  };
}

/** The plan's name for a KVS call: its path after `/api/v1/`, e.g. `get`, `entity/set`, `transaction`. */
export function kvsOperationName(path: string): string {
  return path.replace(/^\/api\/v1\//, '');
}

/**
 * A rate limit or server failure in Forge's `{code, message}` shape, which @forge/kvs
 * (checkResponseError) throws as a ForgeKvsAPIError with that code: RATE_LIMIT_EXCEEDED is the
 * code Forge's KVS limits page names for a 429, INTERNAL_SERVER_ERROR the one @forge/kvs's own
 * tests answer a 500 with.
 */
function faultResponse(status: number, retryAfterSeconds: number | undefined): Response {
  const body =
    status === 429
      ? { code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded (injected by the local platform).' }
      : { code: 'INTERNAL_SERVER_ERROR', message: 'An internal server error has occurred' };
  const headers: Record<string, string> = { ...JSON_HEADERS, ...(retryAfterSeconds !== undefined ? { 'retry-after': String(retryAfterSeconds) } : {}) };
  return new BufferedResponse(JSON.stringify(body), { status, headers });
}

function bodyText(body: RequestInit['body']): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  throw new Error(`expected a string body, got ${body === undefined || body === null ? 'none' : typeof body}`);
}

function jsonResponse({ status, json }: KvsWireAnswer): Response {
  if (json === undefined) {
    return new Response(null, { status });
  }
  return new BufferedResponse(json, { status, headers: JSON_HEADERS });
}

const JSON_HEADERS = { 'content-type': 'application/json' };
