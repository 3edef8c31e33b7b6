/** More echoes than this into one conversation within the window means the app is answering its own posts. */
const ECHO_BUDGET = 30;
const ECHO_WINDOW_MS = 10_000;

/**
 * Delivers the bot's own posts back to the web trigger in the background, as
 * Slack does, without ever failing the API call that caused them: delivery
 * errors (the trigger is down) are logged, and a conversation that gets more
 * than 30 echoes in 10 seconds stops getting them (a loop), until it calms down.
 */
export class BotEchoes {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly recent = new Map<string, number[]>();
  private readonly muted = new Set<string>();

  /** The loop guard counts in real time, whatever clock the sandbox's messages use. */
  constructor(private readonly log: (message: string) => void) {}

  /** Starts a delivery after the current turn (so the API answer goes out first). */
  schedule(channel: string, deliver: () => Promise<{ status: number }>): void {
    if (!this.withinBudget(channel)) return;
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(deliver)
      .then(
        ({ status }) => {
          if (status >= 300) this.log(`The web trigger answered the bot's echo in ${channel} with HTTP ${status}.`);
        },
        (error: unknown) => this.log(`The bot's echo in ${channel} was not delivered: ${error instanceof Error ? error.message : String(error)}.`),
      )
      .finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  /** Resolves once every echo started so far, and any they caused, has been delivered or given up. */
  async whenIdle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private withinBudget(channel: string): boolean {
    const now = performance.now();
    const recent = (this.recent.get(channel) ?? []).filter((t) => now - t < ECHO_WINDOW_MS);
    if (recent.length >= ECHO_BUDGET) {
      if (!this.muted.has(channel)) this.log(`Too many bot posts in ${channel} at once; their echoes are dropped for a while (a loop?).`);
      this.muted.add(channel);
      this.recent.set(channel, recent);
      return false;
    }
    this.muted.delete(channel);
    recent.push(now);
    this.recent.set(channel, recent);
    return true;
  }
}
