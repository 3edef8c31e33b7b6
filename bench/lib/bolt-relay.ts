import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import type { Lane } from './load';

/**
 * The yardstick for P3: a bare Bolt for JavaScript app that does the least a
 * relay can do. Bolt's HTTPReceiver verifies the signature (and the timestamp),
 * its message listener relays with one chat.postMessage to a fixed partner
 * (a map in memory: no store, no dedupe, no transcript), through Bolt's own
 * WebClient pointed at the same fake Slack. `processBeforeResponse` makes it
 * answer Slack after the relay, as a function-as-a-service must (and as Koji's
 * web trigger does): otherwise it would answer first and relay later.
 */
export interface BoltRelay {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startBoltRelay(options: {
  readonly slackApiUrl: string;
  readonly botToken: string;
  readonly signingSecret: string;
  readonly lanes: readonly Lane[];
}): Promise<BoltRelay> {
  const partner = new Map(options.lanes.map((l) => [l.from, { to: l.to, username: l.senderName }]));
  const app = new App({
    token: options.botToken,
    signingSecret: options.signingSecret,
    processBeforeResponse: true,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: options.slackApiUrl },
  });
  app.message(async ({ message, client }) => {
    if (message.subtype !== undefined) return;
    const to = partner.get(message.user);
    if (!to) return;
    await client.chat.postMessage({ channel: to.to, text: message.text ?? '', username: to.username });
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    async stop() {
      await app.stop();
    },
  };
}
