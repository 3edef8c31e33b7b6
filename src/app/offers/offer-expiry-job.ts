import type { Participant } from '../../domain/participant';
import { isParticipant } from '../../domain/participant';

/**
 * The delayed queue event each operator offer schedules for the end of its window (Forge's scheduled trigger
 * runs at most every five minutes, too coarse for a 15–600 s window). Idempotent: an offer already accepted,
 * declined or withdrawn when it comes is left alone (settle-offer.ts).
 */
export interface OfferExpiryJob {
  readonly kind: 'offer-expiry';
  /** The offered user: their conversation record says whether this offer is still open. */
  readonly user: Participant;
  readonly offerId: string;
}

export function isOfferExpiryJob(value: unknown): value is OfferExpiryJob {
  const job = value as Partial<Record<keyof OfferExpiryJob, unknown>> | null;
  return (
    typeof job === 'object' &&
    job !== null &&
    job.kind === 'offer-expiry' &&
    isParticipant(job.user) &&
    typeof job.offerId === 'string' &&
    job.offerId.length > 0 &&
    job.offerId.length <= 400
  );
}
