import { SECRET_NAMESPACE } from './item-store';
import { KVS_LIMITS, quoteKey } from './limits';
import type { Space } from './spaces';

/**
 * Secrets (`kvs.getSecret/setSecret/deleteSecret`, /api/v1/secret/*): a namespace of their own,
 * values up to 128 KiB, never returned by `/api/v1/query` (there is no secret query route).
 * Locally they are stored in clear text in the SQLite file; Forge encrypts them.
 */
export const secretSpace: Space = {
  namespace: SECRET_NAMESPACE,
  maxValueBytes: KVS_LIMITS.maxSecretBytes,
  describe: (key) => `secret ${quoteKey(key)}`,
};
