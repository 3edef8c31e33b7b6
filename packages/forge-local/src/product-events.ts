import type { AppManifest } from './app-manifest';
import type { FunctionRunner } from './function-runner';
import type { JiraProductEvent } from './jira/jsm-stand-in';

/**
 * Jira's product events, delivered as Forge delivers them: each `trigger` module of manifest.yml that lists the
 * event's type is invoked with the payload and a context, except for events the app itself caused when the module
 * filters them out with `ignoreSelf`. Delivery is asynchronous, as on Forge: the agent's page answers at once.
 * `redeliver` delivers each event twice, the second after the first returned (Forge may deliver one more than once).
 */
export class ProductEvents {
  private readonly pending = new Set<Promise<unknown>>();
  redeliver = false;

  constructor(
    private readonly manifest: AppManifest,
    private readonly runner: () => FunctionRunner | undefined,
  ) {}

  deliver(event: JiraProductEvent): void {
    for (const trigger of this.manifest.productTriggers) {
      if (!trigger.events.includes(event.eventType) || (trigger.ignoreSelf && event.causedBy === 'app')) continue;
      const payload = { eventType: event.eventType, ...event.payload };
      const once = () => this.runner()?.invoke(trigger.functionKey, [payload, { installContext: 'ari:cloud:jira::site/local' }]);
      const run = (async () => {
        await once();
        if (this.redeliver) await once();
      })().catch((error: unknown) => console.error(`trigger ${trigger.key} failed on ${event.eventType}`, error));
      this.pending.add(run);
      void run.finally(() => this.pending.delete(run));
    }
  }

  /** Resolves once every event delivered so far (and what those deliveries set off in turn) has been handled. */
  async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
