import type { IncomingMessage } from 'node:http';

/** A web trigger request in Forge's shape: raw body, every header as an array. */
export interface ForgeWebTriggerRequest {
  readonly method: string;
  readonly headers: Record<string, string[]>;
  readonly body: string;
  readonly path: string;
  readonly userPath: string;
  readonly queryParameters: Record<string, string[]>;
}

export interface ForgeWebTriggerResponse {
  readonly statusCode: number;
  readonly headers?: Record<string, string[]>;
  readonly body?: string;
  readonly statusText?: string;
}

/** `url`: the request's URL, already parsed; `path` is its path. */
export function toForgeRequest(req: IncomingMessage, body: string, url: URL, userPath: string): ForgeWebTriggerRequest {
  const headers: Record<string, string[]> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? '';
    (headers[name] ??= []).push(req.rawHeaders[i + 1] ?? '');
  }
  const queryParameters: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) (queryParameters[k] ??= []).push(v);
  return { method: req.method ?? 'GET', headers, body, path: url.pathname, userPath, queryParameters };
}

/** Forge answers 500 when a dynamic web trigger returns something that is not a response. */
export function isForgeResponse(value: unknown): value is ForgeWebTriggerResponse {
  const r = value as ForgeWebTriggerResponse | undefined;
  return typeof r === 'object' && r !== null && Number.isInteger(r.statusCode) && (r.body === undefined || typeof r.body === 'string');
}
