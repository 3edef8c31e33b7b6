import { signSlackRequest, verifySlackSignature } from '../../../src/adapters/slack/slack-signature';

/** The worked example in Slack's "Verifying requests from Slack" guide: its secret, timestamp, body and signature. */
const SLACK_EXAMPLE = {
  signingSecret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: '1531420618',
  rawBody:
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
  nowMs: 1531420618 * 1000 + 30_000,
};

describe('Slack request signatures', () => {
  it('should accept Slack’s own worked example, and sign it as Slack did', () => {
    expect(verifySlackSignature(SLACK_EXAMPLE)).toEqual({ ok: true });
    expect(signSlackRequest(SLACK_EXAMPLE.rawBody, 1531420618, SLACK_EXAMPLE.signingSecret)).toBe(SLACK_EXAMPLE.signature);
  });

  it.each([
    ['another secret', { signingSecret: '8f742231b10e8888abcd99yyyzzz85a6' }],
    ['one byte of the body changed', { rawBody: SLACK_EXAMPLE.rawBody.replace('roadrunner', 'roadrunnes') }],
    ['another timestamp in the window', { timestamp: '1531420619' }],
    ['the last digit of the signature changed', { signature: `${SLACK_EXAMPLE.signature.slice(0, -1)}4` }],
    ['upper-case hex', { signature: SLACK_EXAMPLE.signature.toUpperCase().replace('V0=', 'v0=') }],
    ['a v1 signature', { signature: SLACK_EXAMPLE.signature.replace('v0=', 'v1=') }],
    ['a signature one digit short', { signature: SLACK_EXAMPLE.signature.slice(0, -1) }],
  ])('should refuse the example with %s', (_what, change) => {
    expect(verifySlackSignature({ ...SLACK_EXAMPLE, ...change })).toEqual({ ok: false, reason: 'The request signature does not match.' });
  });

  it('should refuse a request signed more than five minutes from now, however well signed', () => {
    expect(verifySlackSignature({ ...SLACK_EXAMPLE, nowMs: (1531420618 + 301) * 1000 })).toMatchObject({ ok: false, reason: expect.stringContaining('five minutes') });
  });
});
