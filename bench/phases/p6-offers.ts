import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { updateSettings } from '../../src/app/settings/update-settings';
import { loggedDelivery, setUpDesk, startBenchPlatform, SLACK_WEB_TRIGGER, type BenchPlatform, type RecordedInvocation } from '../lib/harness';
import { knowGeneratedPeople } from '../../packages/forge-local/src/slack';
import { fmt, type Progress, type Row } from '../lib/report';
import { Seeder, seedingDeps, slackParticipant } from '../lib/seed';

/**
 * P6 (offers): what operator offers cost with O operators on duty and Q users waiting (issue 17: flat at 1,000
 * operators and 10,000 waiting). The project is in offer mode; every generated operator is on duty and full
 * (capacity 1, one conversation each); Q generated users wait; Alice (the sandbox's operator) is the only one
 * with room. Measured, each as the one invocation that does it:
 *
 * - **#on**: Alice comes on duty and is offered the first in line (her "N users waiting" counts the queue);
 * - **#decline**: she declines; that user goes back to the front, passed over, and the next in line is offered to her;
 * - **expiry**: the delayed event of that offer (the queue consumer, invoked with the job Forge would deliver):
 *   the user is passed on, and the next one offered;
 * - **#accept**: she accepts the offer she holds.
 *
 * The offer window is the longest (600 s) and missed offers don't put her away, so nothing expires by itself
 * during a run; the web trigger handles each command inline, so no step waits for the queue to drain.
 */
export interface OfferSize {
  readonly operators: number;
  readonly queued: number;
  readonly steps: Readonly<Record<OfferStep, StepFigures>>;
}

export type OfferStep = 'on' | 'decline' | 'expiry' | 'accept';

export interface StepFigures {
  readonly kvsReads: number;
  readonly kvsWrites: number;
  readonly kvsReadBytes: number;
  readonly durationMs: number;
  readonly failed: boolean;
}

export interface OffersResult {
  readonly sizes: readonly OfferSize[];
}

const CONSUMER = 'chat-consumer';
const ALICE = 'UALICE';

export async function runOffers(options: { readonly sizes: ReadonlyArray<{ operators: number; queued: number }>; readonly progress: Progress }): Promise<OffersResult> {
  const sizes: OfferSize[] = [];
  for (const size of options.sizes) sizes.push(await oneSize(size, options.progress));
  return { sizes };
}

async function oneSize(size: { operators: number; queued: number }, progress: Progress): Promise<OfferSize> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'koji-bench-offers-'));
  const bench = await startBenchPlatform({ dataDir: dir });
  // Users told they are being connected, and operators offered them, must be people Slack can write to.
  knowGeneratedPeople(true);
  try {
    await setUpDesk(bench, { operators: [ALICE], operatorCapacity: 1 });
    const deps = seedingDeps();
    const seeder = new Seeder(deps);
    await updateSettings(deps, seeder.projectId, { operatorAssignment: 'offer-first', offerWindowSeconds: 600, missedOffersBeforeAway: 'off' });
    for (let i = 0; i < size.operators; i += 1) {
      const operator = await seeder.operatorOnDuty();
      await seeder.connect(operator.participant, [seeder.newPerson()]);
      if (i % 100 === 99) progress.update(`P6 offers: ${fmt.int(i + 1)} of ${fmt.int(size.operators)} operators on duty and busy`);
    }
    progress.update(`P6 offers: ${fmt.int(size.queued)} users waiting`);
    await seeder.queue(Array.from({ length: size.queued }, () => seeder.newPerson()));

    const on = await inline(bench, '#on');
    const decline = await inline(bench, '#decline');
    const offer = (await seeder.operator(slackParticipant(ALICE))).offers?.[0];
    if (!offer) throw new Error('Alice holds no offer after declining one: the next in line was not offered to her.');
    const expiry = await consumed(bench, { kind: 'offer-expiry', user: offer.user, offerId: offer.id });
    const accept = await inline(bench, '#accept');
    const held = (await seeder.operator(slackParticipant(ALICE))).assignments.length;
    if (held !== 1) throw new Error(`Alice holds ${held} conversations after #accept, not 1.`);
    return { ...size, steps: { on, decline, expiry, accept } };
  } finally {
    knowGeneratedPeople(false);
    await bench.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Alice types a command; the web trigger's invocation that handled it, once it finished. */
async function inline(bench: BenchPlatform, text: string): Promise<StepFigures> {
  const i0 = bench.invocations.length;
  const sent = await bench.slack.sendAs(ALICE, text);
  if (sent.status !== 200) throw new Error(`The web trigger answered Alice's ${text} with HTTP ${sent.status}`);
  for (let waited = 0; waited < 10_000; waited += 5) {
    const inv = bench.invocations.slice(i0).find((i) => i.functionKey === SLACK_WEB_TRIGGER && loggedDelivery(i, sent.eventId));
    if (inv) {
      await bench.slack.whenIdle();
      return figures(inv);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`Alice's ${text} left no web trigger invocation.`);
}

/** The queue consumer, invoked with a job as Forge's async events deliver it. */
async function consumed(bench: BenchPlatform, body: Record<string, unknown>): Promise<StepFigures> {
  const i0 = bench.invocations.length;
  await bench.platform.runner.invoke(CONSUMER, [{ body, jobId: 'bench-offer-expiry' }]);
  const inv = bench.invocations.slice(i0).find((i) => i.functionKey === CONSUMER);
  if (!inv) throw new Error('The offer expiry left no consumer invocation.');
  await bench.slack.whenIdle();
  return figures(inv);
}

function figures(inv: RecordedInvocation): StepFigures {
  return { kvsReads: inv.counters.kvsReads, kvsWrites: inv.counters.kvsWrites, kvsReadBytes: inv.counters.kvsReadBytes, durationMs: inv.durationMs, failed: inv.failed };
}

const STEP_NAMES: Record<OfferStep, string> = {
  on: '#on, offered the first in line',
  decline: '#decline, the next in line offered',
  expiry: 'an offer’s window ends (queue event), the next offered',
  accept: '#accept',
};

export function offerRows(r: OffersResult): Row[] {
  const sizes = r.sizes.map((s) => `${fmt.int(s.operators)} on duty / ${fmt.int(s.queued)} waiting`).join(' → ');
  return (['decline', 'expiry', 'accept', 'on'] as const).map((step) => {
    const runs = r.sizes.map((s) => s.steps[step]);
    const flat = runs.every((x) => x.kvsReads === runs[0]!.kvsReads && x.kvsWrites === runs[0]!.kvsWrites) && runs.every((x) => !x.failed);
    const measured = `reads ${runs.map((x) => fmt.int(x.kvsReads)).join(' → ')} · read bytes ${runs.map((x) => fmt.bytes(x.kvsReadBytes)).join(' → ')} · writes ${runs.map((x) => fmt.int(x.kvsWrites)).join(' → ')} · time ${runs.map((x) => fmt.ms(x.durationMs)).join(' → ')}`;
    if (step === 'on') {
      // Its reply counts who waits, a page of 100 at a time: that part grows with the queue, the offer does not.
      return { figure: 'P6 offers (info)', what: `${STEP_NAMES[step]}, ${sizes}`, measured, target: '', verdict: 'info' as const, note: 'the “N users waiting” reply reads the queue' };
    }
    return {
      figure: 'P6 offers',
      what: `${STEP_NAMES[step]}, ${sizes}`,
      measured,
      target: 'the same at every size',
      verdict: flat ? ('met' as const) : ('missed' as const),
      note: flat ? undefined : 'cost grows with the operators on duty or the users waiting',
    };
  });
}
