import { BufferedResponse } from '../buffered-response';
import type { RemoteHandler } from '../forge-globals';
import type { KvsResponse } from './local-kvs';

/**
 * The `kvs` remote for installForgeGlobals: turns the SDK's fetch call (POST with a JSON string
 * body) into LocalKvs.handle and the answer into a WHATWG Response.
 */
export function kvsRemote(localKvs: { handle(path: string, body: unknown): KvsResponse }): RemoteHandler {
  return (path, init) => {
    let body: unknown;
    try {
      body = JSON.parse(bodyText(init.body)) as unknown;
    } catch (error) {
      return Promise.resolve(
        jsonResponse({ status: 400, body: { code: 'BAD_REQUEST', message: `the request body is not JSON: ${(error as Error).message}` } }),
      );
    }
    return Promise.resolve(jsonResponse(localKvs.handle(path, body)));
  };
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
