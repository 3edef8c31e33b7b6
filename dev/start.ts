import path from 'node:path';
import { PLAYGROUND_MESSAGES_PATH } from '../packages/forge-local/src/playground';
import { SANDBOX_PEOPLE } from '../packages/forge-local/src/slack';
import { TEAMS_SANDBOX } from '../packages/forge-local/src/teams';
import { startLocalPlatform } from './koji-app';

/** Read before anything else: if npm went while we were starting, a later read would already see the adopter. */
const STARTED_BY = process.ppid;

/** `npm start`: Koji Live Agent on this machine, no Atlassian or Slack account needed. */
async function main(): Promise<void> {
  // A signal can come while the platform is still starting: stop then closes whatever has started.
  const running: { platform?: { close(): Promise<void> } } = {};
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void (running.platform?.close() ?? Promise.resolve()).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  stopWithParent(stop);

  const port = Number(process.env['PORT'] ?? 8080);
  const dataDir = path.resolve(process.env['KOJI_DATA_DIR'] ?? '.koji-data');
  const debug = process.env['KOJI_DEBUG'] === '1';
  const started = await startLocalPlatform({
    port,
    dataDir,
    runSchedules: true,
    // KOJI_DEBUG=1: one line per invocation with what Forge would bill for it.
    onInvocation: debug
      ? (i) => console.error(JSON.stringify({ fn: i.functionKey, ms: Math.round(i.durationMs), cpuUs: i.cpuMicros, failed: i.failed, ...i.counters }))
      : undefined,
  });
  running.platform = started;
  if (stopping) {
    await started.close();
    process.exit(0);
  }
  const pages = started.manifest.pages.map((p) => `  ${p.title.padEnd(20)} ${started.url}/pages/${p.key}/`);
  const triggers = started.manifest.webTriggers.map((w) => `  ${w.key.padEnd(20)} ${started.webTriggerUrl(w.key)}`);
  console.error(
    [
      `Koji Live Agent is running at ${started.url}/ (open it in a browser: the start page)`,
      `Data: ${dataDir}${started.jsm ? ' (with the embedded Jira Service Management)' : ' (Jira calls go to JIRA_BASE_URL)'}`,
      'Pages:',
      ...pages,
      'Web triggers:',
      ...triggers,
      ...(started.jsm ? [`Tickets:             ${started.url}/jira/browse`] : []),
      ...(started.slack ? [`Slack sandbox:       ${started.url}/sandbox/slack (chat as ${SANDBOX_PEOPLE.map((p) => p.realName).join(', ')})`] : []),
      ...(started.teams ? [`Teams sandbox:       ${started.url}/sandbox/teams (chat as ${TEAMS_SANDBOX.people.map((p) => p.name).join(', ')})`] : []),
      ...(started.playground ? [`Agents Playground:   ${started.url}${PLAYGROUND_MESSAGES_PATH} (npm run playground: a Teams client on http://localhost:${process.env['TEAMSAPPTESTER_PORT'] ?? 56150})`] : []),
      'Stop with Ctrl+C.',
    ].join('\n'),
  );
}

/**
 * `kill <npm's pid>` does not reach this process: npm passes the SIGTERM to the `sh -c` that runs
 * the script, and sh dies without passing it on, leaving this server holding the port. Started
 * without a tsx wrapper process (`node --import tsx`), this process sees its parent go: it is
 * adopted by another process, and stops.
 */
function stopWithParent(stop: () => void): void {
  setInterval(() => {
    if (process.ppid !== STARTED_BY) stop();
  }, 250).unref();
}

main().catch((error: unknown) => {
  console.error('Koji Live Agent could not start:', error);
  process.exit(1);
});
