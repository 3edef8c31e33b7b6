import { forgetTeamsTokens, TeamsConnector } from '../../../src/adapters/teams/teams-connector';

/**
 * How the app reads the Bot Connector's answer to a send: any 2xx is a
 * message that went out, whatever the body. Agents Playground answers
 * `202 Accepted` with an empty body; real Teams answers `201 {id}`.
 */
const LOGIN = 'https://login.example';
const SERVICE_URL = 'https://smba.example/emea/';

function connector(answer: () => Response): TeamsConnector {
  return new TeamsConnector(
    { appId: 'app-1', appPassword: 'secret', tenantId: 'tenant-1' },
    {
      loginUrl: LOGIN,
      now: () => Date.UTC(2026, 10, 25, 9, 0, 0),
      fetch: (input) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        return Promise.resolve(url.startsWith(LOGIN) ? Response.json({ access_token: 'bot-token', expires_in: 3600 }) : answer());
      },
    },
  );
}

beforeEach(() => forgetTeamsTokens());

describe('the Bot Connector’s answer to a send', () => {
  it.each([
    ['202 with no body (Agents Playground)', () => new Response(null, { status: 202 })],
    ['200 with an empty body', () => new Response('', { status: 200 })],
    ['201 with a body that is not JSON', () => new Response('Accepted', { status: 201 })],
    ['201 with JSON but no id', () => Response.json({ ok: true }, { status: 201 })],
  ])('should take %s as sent, without an id', async (_what, answer) => {
    await expect(connector(answer).send(SERVICE_URL, 'a:1', { type: 'message', text: 'hi' })).resolves.toBe('');
  });

  it('should keep the activity id Teams gives back with 201 {id}', async () => {
    const answer = () => Response.json({ id: '1700000000999' }, { status: 201 });

    await expect(connector(answer).send(SERVICE_URL, 'a:1', { type: 'message', text: 'hi' })).resolves.toBe('1700000000999');
  });
});
