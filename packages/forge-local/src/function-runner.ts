import { randomUUID } from 'node:crypto';
import type { AppManifest } from './app-manifest';
import { currentInvocation, emptyCounters, type Invocation } from './invocation-counters';

export type Handler = (...args: unknown[]) => unknown;

export interface FinishedInvocation extends Invocation {
  readonly durationMs: number;
  /**
   * CPU the process spent while this invocation ran, when nothing else ran beside it: under concurrency the
   * process's CPU is everyone's, so it is not measured at all (two getrusage calls per invocation cost a relay
   * more than its KVS reads on this platform).
   */
  readonly cpuMicros: number | undefined;
  readonly failed: boolean;
}

/**
 * Runs the handlers named in manifest.yml the way Forge invokes them: each call
 * is one invocation with its own id, caller and counters.
 */
export class FunctionRunner {
  private running = 0;
  private started = 0;

  constructor(
    private readonly manifest: AppManifest,
    private readonly exportsOfIndex: Record<string, unknown>,
    private readonly onFinished: (invocation: FinishedInvocation) => void = () => undefined,
  ) {
    for (const [key, handler] of manifest.functions) this.handlerOf(key, handler);
  }

  async invoke(functionKey: string, args: readonly unknown[], caller: { accountId?: string | undefined } = {}): Promise<unknown> {
    const handler = this.handlerOf(functionKey, this.manifest.functions.get(functionKey));
    const invocation: Invocation = { id: randomUUID(), functionKey, accountId: caller.accountId, counters: emptyCounters(), steps: [] };
    const started = performance.now();
    const order = ++this.started;
    const cpuStart = this.running++ === 0 ? process.cpuUsage() : undefined;
    let failed = false;
    try {
      return await currentInvocation.run(invocation, () => handler(...args));
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      this.running -= 1;
      const alone = cpuStart && order === this.started ? process.cpuUsage(cpuStart) : undefined;
      this.onFinished({ ...invocation, durationMs: performance.now() - started, cpuMicros: alone && alone.user + alone.system, failed });
    }
  }

  private handlerOf(functionKey: string, handler: string | undefined): Handler {
    const exportName = handler?.replace(/^index\./, '');
    const found = exportName ? this.exportsOfIndex[exportName] : undefined;
    if (typeof found !== 'function') {
      throw new Error(`manifest.yml function '${functionKey}' names handler '${String(handler)}', which src/index.ts does not export`);
    }
    return found as Handler;
  }
}
