import type { KvsOperation } from './local-kvs';

/** What the platform's thread sends the store's thread: one KVS request, or the word to stop. */
export type KvsThreadRequest = { id: number; path: string; text: string; now: number } | { stop: true };

/** What the store's thread answers: once that it is ready (or why it cannot be), then one answer per request. */
export type KvsThreadReply =
  | { ready: true }
  | { failed: string }
  | { id: number; status: number; json: string | undefined; operation: KvsOperation | undefined }
  | { id: number; error: string };
