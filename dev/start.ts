import path from 'node:path';
import { PLAYGROUND_MESSAGES_PATH } from '../packages/forge-local/src/playground';
import { startLocalPlatform } from './koji-app';

/** `npm start`: Koji Live Agent on this machine, no Atlassian or Slack account needed. */
async function main(): Promise<void> {
  const port = Number(process.env['PORT'] ?? 8080);
  const dataDir = path.resolve(process.env['KOJI_DATA_DIR'] ?? '.koji-data');
  const debug = process.env['KOJI_DEBUG'] === '1';
  const platform = await startLocalPlatform({
    port,
    dataDir,
    runSchedules: true,
    // KOJI_DEBUG=1: one line per invocation with what Forge would bill for it.
    onInvocation: debug
      ? (i) => console.error(JSON.stringify({ fn: i.functionKey, ms: Math.round(i.durationMs), cpuUs: i.cpuMicros, failed: i.failed, ...i.counters }))
      : undefined,
  });
  const pages = platform.manifest.pages.map((p) => `  ${p.title.padEnd(20)} ${platform.url}/pages/${p.key}/`);
  const triggers = platform.manifest.webTriggers.map((w) => `  ${w.key.padEnd(20)} ${platform.webTriggerUrl(w.key)}`);
  console.error(
    [
      `Koji Live Agent is running at ${platform.url}`,
      `Data: ${dataDir}${platform.jsm ? ' (with the embedded Jira Service Management)' : ' (Jira calls go to JIRA_BASE_URL)'}`,
      'Pages:',
      ...pages,
      'Web triggers:',
      ...triggers,
      ...(platform.slack ? [`Slack sandbox:       ${platform.url}/sandbox/slack (chat as Alice, Bruno, Carla, Bob, Dana, Eve)`] : []),
      ...(platform.teams ? [`Teams sandbox:       ${platform.url}/sandbox/teams (chat as Tom, Uma, Vic, Wendy)`] : []),
      ...(platform.playground ? [`Agents Playground:   ${platform.url}${PLAYGROUND_MESSAGES_PATH} (npm run playground: a Teams client on http://localhost:${process.env['TEAMSAPPTESTER_PORT'] ?? 56150})`] : []),
      'Stop with Ctrl+C.',
    ].join('\n'),
  );
  const stop = () => {
    void platform.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('Koji Live Agent could not start:', error);
  process.exit(1);
});
