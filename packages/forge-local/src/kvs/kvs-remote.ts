import { BufferedResponse } from '../buffered-response';
import type { RemoteHandler } from '../forge-globals';
import type { KvsResponse } from './local-kvs';
import { connectionReset, stall, type FaultPlan } from '../faults';

/**
 * The `kvs` remote for installForgeGlobals: turns the SDK's fetch call (POST with a JSON string
 * body) into LocalKvs.handle and the answer into a WHATWG Response.
 */
export function kvsRemote(localKvs: { handle(path: string, body: unknown): KvsResponse }, faults?: FaultPlan): RemoteHandler {
  const answer = (path: string, init: RequestInit): Response => {
    let body: unknown;
    try {
      body = JSON.parse(bodyText(init.body)) as unknown;
    } catch (error) {
      return jsonResponse({ status: 400, body: { code: 'BAD_REQUEST', message: `the request body is not JSON: ${(error as Error).message}` } });
    }
    return jsonResponse(localKvs.handle(path, body));
  };
  return async (path, init) => {
    const fault = faults?.take('kvs', kvsOperationName(path));
    if (!fault) return answer(path, init);
    if ('status' in fault) return faultResponse(fault.status, fault.retryAfterSeconds);
    if ('reset' in fault) {
      if (fault.afterEffect === true) answer(path, init);
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

function jsonResponse({ status, body, json }: KvsResponse): Response {
  if (body === undefined) {
    return new Response(null, { status });
  }
  return new BufferedResponse(json ?? JSON.stringify(body), { status, headers: JSON_HEADERS });
}

const JSON_HEADERS = { 'content-type': 'application/json' };
