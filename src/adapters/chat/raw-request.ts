/** A web trigger's request and answer as the receivers see them, whichever platform sent it. */
export interface RawRequest {
  readonly method?: string;
  readonly headers?: Record<string, string[] | undefined>;
  readonly body?: string;
}

export interface RawResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string[]>;
  readonly body: string;
}

/** Forge keeps the caller's header casing; HTTP header names are case-insensitive. */
export function header(request: RawRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const headers = request.headers ?? {};
  // Most callers send lower case (Slack does): a direct look-up before the case-insensitive walk.
  if (Object.hasOwn(headers, wanted)) return headers[wanted]?.[0];
  for (const [key, values] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return values?.[0];
  }
  return undefined;
}
