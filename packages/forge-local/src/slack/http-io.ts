import type { IncomingMessage, ServerResponse } from 'node:http';
import { readRequestBody } from '../request-body';

const MAX_BODY_BYTES = 1024 * 1024;

/** The request body as text, or undefined when it is larger than the sandboxes take. */
export function readBody(req: IncomingMessage): Promise<string | undefined> {
  return readRequestBody(req, MAX_BODY_BYTES);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(JSON.stringify(body));
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
