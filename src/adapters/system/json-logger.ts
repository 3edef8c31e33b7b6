import type { Logger } from '../../app/ports';

/**
 * One JSON line per event on stdout/stderr, which Forge keeps as the app's
 * logs. Forge bills log bytes, so entries stay short and carry ids, not texts.
 */
export function jsonLogger(context: Record<string, unknown> = {}): Logger {
  return {
    // eslint-disable-next-line no-console -- the app's one log sink: Forge keeps console output as the app's logs
    info: (event, fields) => console.info(JSON.stringify({ level: 'info', event, ...context, ...fields })),
    warn: (event, fields) => console.warn(JSON.stringify({ level: 'warn', event, ...context, ...fields })),
  };
}
