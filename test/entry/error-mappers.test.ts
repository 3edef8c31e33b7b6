import { TenantConnectionError } from '../../src/adapters/chat/tenant-connection-error';
import { failedUnexpectedly, refusal } from '../../src/adapters/chat/web-trigger-answers';
import { StoreContentionError, TicketServiceError } from '../../src/domain/errors';
import { afterJobFailure, unreadableJob } from '../../src/entry/job-failures';
import { ForbiddenError, envelope, resolverAnswerFor } from '../../src/entry/resolver-envelope';
import { InvalidRequestError } from '../../src/entry/resolvers/resolver-kit';

/** One mapper per kind of entry point: web trigger → HTTP answer, resolver → typed answer, queue → retry or give up. */
describe('web trigger answers', () => {
  it.each([
    ['malformed_request', 400],
    ['malformed_activity', 400],
    ['invalid_signature', 401],
    ['invalid_token', 401],
    ['unknown_workspace', 403],
    ['unknown_tenant', 403],
    ['unknown_bot', 403],
  ] as const)('should refuse %s with HTTP %i, the code and the reason', (code, status) => {
    // Act
    const answer = refusal(code, 'Why it was refused.');

    // Assert
    expect(answer.statusCode).toBe(status);
    expect(JSON.parse(answer.body)).toEqual({ error: code, message: 'Why it was refused.' });
  });

  it('should add the headers a platform reads, such as Slack’s no-retry', () => {
    // Act
    const answer = refusal('invalid_signature', 'Bad signature.', { 'X-Slack-No-Retry': ['1'] });

    // Assert
    expect(answer.headers['X-Slack-No-Retry']).toEqual(['1']);
  });

  it('should answer an unexpected failure with a 500 that says nothing of it, and log why', () => {
    // Arrange
    const warnings: Array<[string, Record<string, unknown> | undefined]> = [];
    const log = { info: () => undefined, warn: (event: string, fields?: Record<string, unknown>) => void warnings.push([event, fields]) };

    // Act
    const answer = failedUnexpectedly(log, 'slack_request_failed', new Error('KVS is down'));

    // Assert
    expect(answer.statusCode).toBe(500);
    expect(JSON.parse(answer.body)).toEqual({ error: 'internal_error' });
    expect(warnings).toEqual([['slack_request_failed', { reason: 'KVS is down' }]]);
  });
});

describe('resolver answers', () => {
  it.each([
    ['forbidden', new ForbiddenError()],
    ['invalid_request', new InvalidRequestError('The request needs a valid “tenantId”.')],
    ['tenant_connection_failed', new TenantConnectionError('This Slack workspace is not connected to this project.')],
    ['ticket_service_failed', new TicketServiceError('Jira is busy (429).', true)],
  ])('should answer a %s failure with its code and safe message', (code, error) => {
    // Assert
    expect(resolverAnswerFor(error)).toEqual({ ok: false, error: { code, message: error.message } });
  });

  it('should leave an unexpected failure to Forge, so that invoke rejects', async () => {
    // Assert
    expect(resolverAnswerFor(new Error('KVS is down'))).toBeUndefined();
    await expect(envelope(() => Promise.reject(new Error('KVS is down')))).rejects.toThrow('KVS is down');
  });
});

describe('queue consumer decisions', () => {
  it('should give up on a job it cannot read: a retry would fail the same way', () => {
    // Assert
    expect(unreadableJob()).toEqual({ kind: 'give-up', reason: 'malformed' });
  });

  it.each([
    ['an unexpected failure', new Error('KVS is down')],
    ['store contention', new StoreContentionError()],
  ])('should retry after %s: the delivery log makes a repeated job safe', (_what, error) => {
    // Assert
    expect(afterJobFailure(error)).toMatchObject({ kind: 'retry', reason: error.message });
  });
});
