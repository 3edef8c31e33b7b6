import type { kvs as KvsClient } from '@forge/kvs';
import type { DeliveryLog } from '../../app/ports';
import { isWriteConflict } from './kvs-errors';
import { storageKeys } from './kvs-keys';

type Kvs = typeof KvsClient;

/**
 * Slack retries for about an hour and Bot Framework redelivers within minutes;
 * a day covers both with room to spare, and the keys clean themselves up.
 */
const RETENTION = { value: 1, unit: 'DAYS' } as const;

/** Handled deliveries as create-if-absent keys with a TTL. */
export class KvsDeliveryLog implements DeliveryLog {
  constructor(private readonly kvs: Kvs) {}

  async claim(deliveryId: string): Promise<boolean> {
    try {
      await this.kvs.set(storageKeys.delivery(deliveryId), 1, { keyPolicy: 'FAIL_IF_EXISTS', ttl: RETENTION });
      return true;
    } catch (error) {
      if (isWriteConflict(error)) return false;
      throw error;
    }
  }

  async release(deliveryId: string): Promise<void> {
    await this.kvs.delete(storageKeys.delivery(deliveryId));
  }
}
