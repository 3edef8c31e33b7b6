import { isRedirectRefusal } from '../system/fetch-redirect';

/**
 * fetch, with a network failure's system error code (under "fetch failed", in
 * its cause) or its timeout lifted onto the error the client wraps: the client
 * keeps an error only when it is an `Error` of its own realm, which undici's
 * is not under a test runner, and deliveryError needs the code to tell "never
 * sent" from "may have arrived".
 */
export async function fetchKeepingCause(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(input, init);
  } catch (error) {
    const e = error as { name?: unknown; code?: unknown; cause?: { code?: unknown } } | undefined;
    const timedOut = e?.name === 'TimeoutError' || e?.name === 'AbortError';
    const code = timedOut ? 'timeout' : isRedirectRefusal(error) ? 'redirect' : typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : 'network';
    throw Object.assign(new Error(`${String((error as Error | undefined)?.message ?? error)} (${code})`, { cause: error }), { code });
  }
}
