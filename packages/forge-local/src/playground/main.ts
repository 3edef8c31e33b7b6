import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PLAYGROUND_MESSAGES_PATH } from './agents-playground-bridge';
import { agentsPlaygroundCommand } from './playground-command';

/**
 * `npm run playground`: the Microsoft 365 Agents Playground as a Teams client
 * of the Koji that `npm start` runs (PORT, default 8080). Its web UI is at
 * http://localhost:56150 (TEAMSAPPTESTER_PORT changes it).
 */
function main(): void {
  // The address npm start listens on (IPv4 loopback only), so the Playground never tries ::1 first.
  const kojiUrl = `http://127.0.0.1:${process.env['PORT'] ?? 8080}`;
  const dataDir = path.resolve(process.env['KOJI_DATA_DIR'] ?? '.koji-data');
  mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(dataDir, 'agents-playground.log');
  const { command, args, env } = agentsPlaygroundCommand({ endpoint: `${kojiUrl}${PLAYGROUND_MESSAGES_PATH}`, logFile });
  console.error(
    [
      `Agents Playground for Koji at ${kojiUrl} (start it with npm start; the Playground waits for it).`,
      `Open http://localhost:${process.env['TEAMSAPPTESTER_PORT'] ?? 56150} once it says “Listening”. Log: ${logFile}`,
    ].join('\n'),
  );
  const child = spawn(command, [...args], { env, stdio: 'inherit' });
  const stop = (signal: NodeJS.Signals) => child.kill(signal);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main();
