import api, { route } from '@forge/api';
import type { OpenedFile } from '../../app/files/file-transfer';
import { readAll } from '../../app/files/limited-body';
import { FileTransferError } from '../../domain/errors';
import { withTimeout } from '../system/with-timeout';
import { jiraErrorText } from './jira-failures';

/** A JSM upload may take longer than a comment: the file is read whole and sent in one request. */
const UPLOAD_TIMEOUT_MS = 60_000;
const CALL_TIMEOUT_MS = 8_000;

interface JiraAnswer {
  readonly ok: boolean;
  readonly status: number;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

/** The slice of `requestJira` used here: multipart bodies go as bytes (`@forge/api` types a body as a string or an ArrayBuffer). */
export type RequestJiraBytes = (path: ReturnType<typeof route>, init: { method: string; body?: string | ArrayBuffer; headers: Record<string, string> }) => Promise<JiraAnswer>;

/**
 * Puts a file on a JSM request the way JSM takes one: `attachTemporaryFile` on the request's service desk (multipart,
 * part `file`, with Jira's XSRF header), then `request/{key}/attachment` naming the temporary file, at once (a
 * temporary file does not last). `requestJira` takes a body whole, so the file is read into memory here, within the
 * project's limit (at most 50 MB: a 256 MB function holds it and its multipart copy).
 */
export class JsmTicketFiles {
  constructor(private readonly requestJira: RequestJiraBytes = (path, init) => api.asApp().requestJira(path, init)) {}

  async attach(ticketKey: string, file: OpenedFile): Promise<void> {
    const request = await this.call(route`/rest/servicedeskapi/request/${ticketKey}`, { method: 'GET', headers: { Accept: 'application/json' } }, CALL_TIMEOUT_MS);
    const serviceDeskId = ((await request.json()) as { serviceDeskId?: unknown }).serviceDeskId;
    if (typeof serviceDeskId !== 'string' || !/^\d{1,18}$/.test(serviceDeskId)) throw new FileTransferError(`Jira did not say which service desk ${ticketKey} is on`);
    const form = new FormData();
    form.append('file', new Blob([await readAll(file.body)], { type: file.mimeType }), file.name);
    // undici writes the multipart body and its boundary; Jira gets the bytes and the matching Content-Type.
    const multipart = new Request('http://multipart.invalid/', { method: 'POST', body: form });
    const temporary = await this.call(
      route`/rest/servicedeskapi/servicedesk/${serviceDeskId}/attachTemporaryFile`,
      {
        method: 'POST',
        body: await multipart.arrayBuffer(),
        headers: { 'Content-Type': multipart.headers.get('content-type') ?? '', 'X-Atlassian-Token': 'no-check', 'X-ExperimentalApi': 'opt-in', Accept: 'application/json' },
      },
      UPLOAD_TIMEOUT_MS,
    );
    const ids = ((await temporary.json()) as { temporaryAttachments?: Array<{ temporaryAttachmentId?: unknown }> }).temporaryAttachments?.map((t) => t.temporaryAttachmentId);
    if (!ids || ids.length === 0 || !ids.every((id) => typeof id === 'string')) throw new FileTransferError('Jira did not keep the file');
    await this.call(
      route`/rest/servicedeskapi/request/${ticketKey}/attachment`,
      { method: 'POST', body: JSON.stringify({ temporaryAttachmentIds: ids, public: true }), headers: { 'Content-Type': 'application/json', Accept: 'application/json' } },
      CALL_TIMEOUT_MS,
    );
  }

  private async call(path: ReturnType<typeof route>, init: Parameters<RequestJiraBytes>[1], timeoutMs: number): Promise<JiraAnswer> {
    let answer: JiraAnswer;
    try {
      answer = await withTimeout(this.requestJira(path, init), timeoutMs, () => new FileTransferError('Jira took too long to take the file'));
    } catch (error) {
      if (error instanceof FileTransferError) throw error;
      throw new FileTransferError('Jira could not be reached', { cause: error });
    }
    if (answer.ok) return answer;
    const said = await answer.text().then(jiraErrorText, () => '');
    const why = answer.status === 413 ? 'the file is larger than this Jira site accepts, or the ticket has too many attachments' : answer.status === 403 ? 'Koji may not add attachments in this service desk' : `Jira refused it (${answer.status})`;
    throw new FileTransferError(`${why}${said ? `: “${said}”` : ''}`);
  }
}
