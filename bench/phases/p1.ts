import { describeFigures, figuresOf, relayTargetMisses, type MessageFigures } from '../lib/figures';
import { measureSend, setUpDesk, startBenchPlatform, type BenchPlatform, type StepCost } from '../lib/harness';
import type { Progress, Row } from '../lib/report';

/**
 * P1: what one relayed message costs, each direction, in a running
 * conversation (Bob ↔ Alice), from the web trigger invocation's counters and
 * the Web API calls the sandbox received between sends. For information, the
 * same for asking for an operator, forward_operator, #create_ticket (web
 * trigger + queue consumer) and stop. The project has "Remove secrets from messages" on (issue 23): screening
 * a message comes with the records the relay already read, and costs no read, write or call.
 */
export interface P1Result {
  readonly userToOperator: MessageFigures;
  readonly operatorToUser: MessageFigures;
  readonly askForOperator: MessageFigures;
  readonly forwardOperator: MessageFigures;
  readonly createTicket: MessageFigures;
  readonly stop: MessageFigures;
  /** A relay whose first send Slack answers 500: the web trigger, and the queued job that sends it. */
  readonly relayAfterFailure: MessageFigures;
  /** A Slack user's first question to the assistant (their language asked of Slack and kept), and their next. */
  readonly firstQuestion: MessageFigures;
  readonly nextQuestion: MessageFigures;
}

export const RELAY_TEXT_USER = (i: number) => `My screen stays black after the update, attempt ${String(i).padStart(3, '0')}`;
export const RELAY_TEXT_OPERATOR = (i: number) => `Please hold the power button for ten seconds, try ${String(i).padStart(3, '0')}`;

export async function runP1(options: { readonly samples: number; readonly warmup: number; readonly progress: Progress }): Promise<P1Result> {
  const bench = await startBenchPlatform();
  try {
    options.progress.update('P1: setting up the desk');
    // "Remove secrets from messages" on: every relay is screened, and must cost what it did without it.
    await setUpDesk(bench, { operators: ['UALICE', 'UBRUNO'], autoRedaction: true });
    await expectSaid(bench, 'UALICE', '#on', 'UALICE', 'on duty');
    await expectSaid(bench, 'UBRUNO', '#on', 'UBRUNO', 'on duty');

    options.progress.update('P1: a German user’s first and second question');
    const firstQuestion = await expectSaid(bench, 'UJONAS', 'quokka xylophon', 'UJONAS', 'keinen Artikel');
    const nextQuestion = await expectSaid(bench, 'UJONAS', 'quokka xylophon bitte', 'UJONAS', 'keinen Artikel');
    const ask = await expectSaid(bench, 'UBOB', 'operator', 'UBOB', 'talking to Alice Operator');
    const toOperator: StepCost[] = [];
    const toUser: StepCost[] = [];
    for (let i = 0; i < options.warmup + options.samples; i += 1) {
      options.progress.update(`P1: relaying, message ${i + 1} of ${options.warmup + options.samples} each way`);
      const up = await expectRelayed(bench, 'UBOB', RELAY_TEXT_USER(i), 'UALICE');
      const down = await expectRelayed(bench, 'UALICE', RELAY_TEXT_OPERATOR(i), 'UBOB');
      if (i >= options.warmup) {
        toOperator.push(up);
        toUser.push(down);
      }
    }
    options.progress.update('P1: a relay Slack fails once');
    bench.platform.faults.add('slack', 'chat.postMessage', { status: 500 }, 1);
    const retried = await measureSend(bench, 'UBOB', 'Sent again after a 500');
    if (bench.slack.conversation('UALICE').filter((m) => m.text === 'Sent again after a 500').length !== 1) {
      throw new Error('A relay Slack failed once did not arrive exactly once.');
    }
    options.progress.update('P1: forward_operator, #create_ticket, stop');
    const forward = await expectSaid(bench, 'UALICE', 'forward_operator Bruno Operator', 'UBOB', 'Bruno Operator has taken over');
    const ticket = await expectSaid(bench, 'UBRUNO', '#create_ticket Laptop does not boot', 'UBRUNO', 'Ticket SUP-1 was created');
    const stop = await expectSaid(bench, 'UBRUNO', 'stop', 'UBOB', 'closed the conversation');
    return {
      userToOperator: figuresOf(toOperator),
      operatorToUser: figuresOf(toUser),
      askForOperator: figuresOf([ask]),
      forwardOperator: figuresOf([forward]),
      createTicket: figuresOf([ticket]),
      stop: figuresOf([stop]),
      relayAfterFailure: figuresOf([retried]),
      firstQuestion: figuresOf([firstQuestion]),
      nextQuestion: figuresOf([nextQuestion]),
    };
  } finally {
    await bench.close();
  }
}

/**
 * Sends, and checks the app answered as it should (a bench of a broken path measures nothing): `expected` is in
 * what `heardBy` heard since (the ending notice of `stop` comes before the rating card, for one).
 */
async function expectSaid(bench: BenchPlatform, from: string, text: string, heardBy: string, expected: string): Promise<StepCost> {
  const before = bench.slack.conversation(heardBy).length;
  const cost = await measureSend(bench, from, text);
  const heard = bench.slack.conversation(heardBy).slice(before).filter((m) => m.botId !== undefined).map((m) => m.text ?? '');
  if (!heard.some((t) => t.includes(expected))) throw new Error(`After ${from}: “${text}”, ${heardBy} heard ${JSON.stringify(heard)}, not “${expected}”.`);
  if (cost.failedSlackCalls.length > 0) throw new Error(`Slack refused calls after “${text}”: ${JSON.stringify(cost.failedSlackCalls)}`);
  return cost;
}

export async function expectRelayed(bench: BenchPlatform, from: string, text: string, to: string): Promise<StepCost> {
  const cost = await expectSaid(bench, from, text, to, text);
  if (!cost.handling.trigger) throw new Error(`No web trigger invocation logged the delivery of “${text}”.`);
  return cost;
}

export function p1Rows(r: P1Result): Row[] {
  const relayRow = (what: string, f: MessageFigures): Row => {
    const misses = relayTargetMisses(f);
    return {
      figure: 'P1',
      what,
      measured: describeFigures(f),
      target: '≤ 2 reads · 1 write ≤ 2 KB · queue 0 · 1 call',
      verdict: misses.length === 0 ? 'met' : 'missed',
      note: misses.length === 0 ? undefined : misses.join('; '),
    };
  };
  const echo = r.userToOperator.echoes;
  const info = (what: string, f: MessageFigures): Row => ({ figure: 'P1 (info)', what, measured: describeFigures(f), target: '', verdict: 'info' });
  return [
    relayRow('relay user → operator (web trigger)', r.userToOperator),
    relayRow('relay operator → user (web trigger)', r.operatorToUser),
    {
      figure: 'P1 (info)',
      what: 'Slack’s echo of each relayed post',
      measured: `${echo.invocations} web trigger invocation · reads ${echo.kvsReads} (${Math.round(echo.kvsReadBytes)} B) · writes 0`,
      target: '',
      verdict: 'info',
    },
    info('asking for an operator', r.askForOperator),
    info('forward_operator', r.forwardOperator),
    info('#create_ticket (trigger + consumer)', r.createTicket),
    info('stop', r.stop),
    info('relay, Slack fails the first send (trigger + retry job)', r.relayAfterFailure),
    info('a Slack user’s first question (language asked of Slack, kept a month)', r.firstQuestion),
    info('their next question (language read with their records)', r.nextQuestion),
  ];
}
