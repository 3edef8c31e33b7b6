import { participantKey, type Participant } from '../../domain/participant';
import type { LiveAgentState } from '../../app/ports';
import { KvsLiveAgentState } from './kvs-live-agent-state';

type SenderRead = ReturnType<LiveAgentState['getParticipant']>;

/**
 * The state of one invocation, with one read started ahead: a web trigger starts
 * reading the sender's records (`readAhead`) beside the signing secret, and the
 * core's first `getParticipant` of that sender takes that read instead of making
 * its own. Taken once: any later or other read goes to storage. Built per
 * invocation (buildServices), so a read ahead never outlives its request.
 */
export class ReadAheadLiveAgentState extends KvsLiveAgentState {
  private ahead: { readonly key: string; readonly read: SenderRead } | undefined;

  readAhead(sender: Participant): void {
    const read = super.getParticipant(sender);
    // A request that fails verification never takes it: its failure must not surface as unhandled.
    read.catch(() => undefined);
    this.ahead = { key: participantKey(sender), read };
  }

  override getParticipant(participant: Participant): SenderRead {
    const ahead = this.ahead;
    if (ahead && ahead.key === participantKey(participant)) {
      this.ahead = undefined;
      return ahead.read;
    }
    return super.getParticipant(participant);
  }
}
