import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { SLACK_RETRY_POLICY, SlackChatGateway, fetchKeepingCause, slackClient, slackPoster } from '../../../src/adapters/slack/slack-chat-gateway';
import { SlackPoster } from '../../../src/adapters/slack/slack-poster';
import { ChatDeliveryError, ChatRateLimitedError, ChatRecipientUnreachableError, ChatTransientError } from '../../../src/domain/errors';

/**
 * What a failed send to Slack means for the core, against a stand-in Web API
 * that answers as Slack does: the person is gone (give up on them), Slack is
 * having trouble (try again, and say whether it may already have posted), or
 * Slack asks to wait.
 */
type Answer = (res: ServerResponse) => void;

let server: Server;
let url: string;
let answer: Answer;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const bob = { channel: 'slack' as const, tenantId: 'T1', userId: 'UBOB' };

/**
 * Reads go through a WebClient; posts through the lean SlackPoster (the gateways' own) or, as before it, a
 * WebClient that never retries: both must tell the core the same thing about the same answer.
 */
const posters = {
  'the lean poster': (timeout: number, apiUrl: string) => new SlackPoster('xoxb-test', timeout, apiUrl),
  'a WebClient': (timeout: number, apiUrl: string) =>
    new WebClient('xoxb-test', { slackApiUrl: apiUrl, retryConfig: { ...SLACK_RETRY_POLICY, retries: 0 }, rejectRateLimitedCalls: true, timeout, fetch: fetchKeepingCause }),
};
let posterKind: keyof typeof posters = 'the lean poster';

function gateway(options: { timeout?: number; apiUrl?: string } = {}): SlackChatGateway {
  const apiUrl = options.apiUrl ?? url;
  const timeout = options.timeout ?? 2000;
  return new SlackChatGateway(new WebClient('xoxb-test', { slackApiUrl: apiUrl, retryConfig: { retries: 0 }, timeout, fetch: fetchKeepingCause }), posters[posterKind](timeout, apiUrl));
}

function slackSays(error: string): Answer {
  return (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error }));
}

async function failureOf(send: Promise<unknown>): Promise<ChatDeliveryError> {
  try {
    await send;
  } catch (error) {
    if (error instanceof ChatDeliveryError) return error;
    throw error;
  }
  throw new Error('The send succeeded.');
}

const hello = { kind: 'notice' as const, text: 'Hello' };

describe.each(Object.keys(posters) as Array<keyof typeof posters>)('a message Slack does not deliver, posted by %s', (kind) => {
  beforeEach(() => {
    posterKind = kind;
  });

  it.each(['account_inactive', 'channel_not_found', 'not_in_channel', 'is_archived', 'user_disabled', 'user_not_found', 'cannot_dm_bot'])(
    'should give up on the person when Slack says %s, keeping Slack’s word for it',
    async (reason) => {
      answer = slackSays(reason);

      const failure = await failureOf(gateway().send(bob, hello));

      expect(failure).toBeInstanceOf(ChatRecipientUnreachableError);
      expect((failure as ChatRecipientUnreachableError).reason).toBe(reason);
    },
  );

  it.each(['invalid_auth', 'token_revoked', 'not_authed'])('should give up on the person when Slack refuses the bot token (%s): nobody in the workspace can be reached', async (reason) => {
    answer = slackSays(reason);

    const failure = await failureOf(gateway().send(bob, hello));

    expect(failure).toBeInstanceOf(ChatRecipientUnreachableError);
    expect((failure as ChatRecipientUnreachableError).reason).toBe(reason);
  });

  it('should not give up on anyone for a message Slack finds wrong (msg_too_long)', async () => {
    answer = slackSays('msg_too_long');

    const failure = await failureOf(gateway().send(bob, hello));

    expect(failure).not.toBeInstanceOf(ChatRecipientUnreachableError);
    expect(failure).not.toBeInstanceOf(ChatTransientError);
  });

  it.each([
    [500, true],
    [502, false],
    [503, false],
    [504, true],
  ])('should ask to try again when Slack answers %i, uncertain=%p whether it was posted', async (status, uncertain) => {
    answer = (res) => res.writeHead(status).end('upstream trouble');

    const failure = await failureOf(gateway().send(bob, hello));

    expect(failure).toBeInstanceOf(ChatTransientError);
    expect((failure as ChatTransientError).uncertain).toBe(uncertain);
  });

  it('should ask to try again, uncertain, when Slack does not answer in time', async () => {
    answer = () => undefined;

    const failure = await failureOf(gateway({ timeout: 150 }).send(bob, hello));

    expect(failure).toBeInstanceOf(ChatTransientError);
    expect((failure as ChatTransientError).uncertain).toBe(true);
  });

  it('should ask to try again, uncertain, when the connection is reset after the request went out', async () => {
    answer = (res) => res.socket?.destroy();

    const failure = await failureOf(gateway().send(bob, hello));

    expect(failure).toBeInstanceOf(ChatTransientError);
    expect((failure as ChatTransientError).uncertain).toBe(true);
  });

  it('should ask to try again, certain it was not posted, when nothing listens at Slack’s address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const nowhere = gateway({ apiUrl: `http://127.0.0.1:${port}/api/` });

    const failure = await failureOf(nowhere.send(bob, hello));

    expect(failure).toBeInstanceOf(ChatTransientError);
    expect((failure as ChatTransientError).uncertain).toBe(false);
  });

  it('should ask to wait as long as Slack says on a 429', async () => {
    answer = (res) => res.writeHead(429, { 'retry-after': '7' }).end();

    const failure = await failureOf(gateway().send(bob, hello));

    expect(failure).toBeInstanceOf(ChatRateLimitedError);
    expect((failure as ChatRateLimitedError).retryAfterSeconds).toBe(7);
  });

  it.each(['queued', 'inline'] as const)('should post once on a 500 from the %s clients, leaving any retry to the backlog, which checks first', async (budget) => {
    let posts = 0;
    answer = (res) => {
      posts += 1;
      res.writeHead(500).end('upstream trouble');
    };
    const reader = slackClient('xoxb-test', url, budget);
    const poster = slackPoster('xoxb-test', budget === 'inline' ? 'inline' : 'queued-post', url);

    await failureOf(new SlackChatGateway(reader, poster).send(bob, hello));

    expect(posts).toBe(1);
  });
});

describe.each(Object.keys(posters) as Array<keyof typeof posters>)('a post Slack answers with a redirect, posted by %s', (kind) => {
  it('should fail plainly, not to be tried again, and never follow it: the token and the message stay with Slack’s address', async () => {
    let elsewhere = 0;
    const other = createServer((req, res) => {
      elsewhere += 1;
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, channel: 'D1', ts: '1.1' }));
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const to = `http://127.0.0.1:${(other.address() as AddressInfo).port}/api/chat.postMessage`;
      answer = (res) => res.writeHead(307, { location: to }).end();
      posterKind = kind;

      const failure = await failureOf(gateway().send(bob, hello));

      expect(failure.message).toContain('redirect');
      expect(failure).not.toBeInstanceOf(ChatTransientError);
      expect(failure).not.toBeInstanceOf(ChatRecipientUnreachableError);
      expect(elsewhere).toBe(0);
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });
});
