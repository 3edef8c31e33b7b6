/** How to start the Agents Playground against Koji: the program, its arguments and its environment. */
export interface AgentsPlaygroundCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/**
 * The Agents Playground (`@microsoft/m365agentsplayground`, a dev dependency)
 * as a Teams client of Koji: Teams channel, Koji's bridge as its app endpoint,
 * no browser opened (it crashes where there is none; open the URL it prints),
 * and nothing sent to Microsoft: telemetry off, and Application Insights'
 * statsbeat off too, which `--disable-telemetry` alone leaves on.
 */
export function agentsPlaygroundCommand(input: {
  /** Koji's bridge: `http://localhost:8080/playground/api/messages`. */
  readonly endpoint: string;
  /** Where the Playground's web UI and mock connector listen; unset, the Playground's default (56150, or TEAMSAPPTESTER_PORT). */
  readonly port?: number | undefined;
  /** The Playground's log: every activity both ways, the bot's replies included. */
  readonly logFile: string;
  readonly env?: NodeJS.ProcessEnv | undefined;
}): AgentsPlaygroundCommand {
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  return {
    command: process.execPath,
    args: [cli, '--app-endpoint', input.endpoint, '--channel-id', 'msteams', '--disable-telemetry', ...(input.port !== undefined ? ['--port', String(input.port)] : [])],
    env: {
      ...(input.env ?? process.env),
      TEAMSAPPTESTER_BROWSER: 'none',
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      M365_AGENTS_PLAYGROUND_LOGFILE: input.logFile,
    },
  };
}
