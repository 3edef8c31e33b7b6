import { isParticipant, type Participant } from '../../domain/participant';

/** Where the recipient's platform lets the app put a file they allowed (Teams: their OneDrive) and what to call it. */
export interface UploadInfo {
  readonly uploadUrl: string;
  readonly contentUrl: string;
  readonly uniqueId: string;
  readonly fileType: string;
  readonly name: string;
}

/** A person's answer to a file offered to them (Teams' file consent card): only the offer's random id, never the file. */
export interface ConsentAnswer {
  readonly id: string;
  readonly action: 'accept' | 'decline';
  readonly invoker: Participant;
  readonly upload?: UploadInfo | undefined;
}

/**
 * The answer, carried out on the queue: the web trigger answers Teams' invoke at once (Teams waits 15 s) after checking
 * it, and the file is downloaded and uploaded here, with the queue's time. Checked again when it runs.
 */
export interface FileConsentJob extends ConsentAnswer {
  readonly kind: 'file-consent';
}

export function isFileConsentJob(value: unknown): value is FileConsentJob {
  const j = value as Partial<Record<keyof FileConsentJob, unknown>> | undefined;
  const u = j?.upload as Partial<Record<keyof UploadInfo, unknown>> | undefined;
  return (
    j?.kind === 'file-consent' &&
    typeof j.id === 'string' &&
    (j.action === 'accept' || j.action === 'decline') &&
    isParticipant(j.invoker) &&
    (u === undefined || [u.uploadUrl, u.contentUrl, u.uniqueId, u.fileType, u.name].every((s) => typeof s === 'string'))
  );
}
