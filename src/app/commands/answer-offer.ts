import { inEveryLanguage, say } from '../../domain/replies';
import { notify } from '../delivery/notify';
import { settleOfferCard } from '../offers/make-offer';
import { answerOffer, type OfferAnswer } from '../offers/settle-offer';
import type { CoreDeps } from '../ports';
import { defineCommand, withCardNote, type Handled, type SupportContext } from './command';

interface OfferArgs {
  /** The conversation a card's button names; typed, the operator's oldest open offer. */
  readonly sessionId?: string | undefined;
}

const readButton = (value: string | undefined): OfferArgs => ({ sessionId: value });

/** `#accept` and `#decline`: the same command but for the answer it gives. */
function offerCommand(kind: 'accept-offer' | 'decline-offer', word: string, answerWith: OfferAnswer) {
  return defineCommand<OfferArgs>({
    kind,
    names: [word],
    access: 'operators',
    help: inEveryLanguage((c) => c.commandHelp[kind]),
    button: { action: kind, read: readButton },
    needs: 'support',
    run: (deps, ctx) => answer(deps, ctx, answerWith),
  });
}

export const acceptOfferCommand = offerCommand('accept-offer', '#accept', 'accept');
export const declineOfferCommand = offerCommand('decline-offer', '#decline', 'decline');

/**
 * A click settles its own card (the channel shows the note in place of the buttons); a typed answer updates the
 * offer's card from here, so no card is left offering what is gone.
 */
async function answer(deps: CoreDeps, { operator, msg, args, settings }: SupportContext<OfferArgs>, kind: OfferAnswer): Promise<Handled> {
  const { toOperator, usedCardNotes } = say(operator.lang);
  const answered = await answerOffer(deps, operator.participant, kind, args.sessionId, settings);
  if (answered.kind === 'no-offer') {
    await notify(deps, operator.participant, { kind: 'notice', text: toOperator.noOpenOffer() });
    return msg.action ? withCardNote('refused', usedCardNotes.offerClosed) : 'refused';
  }
  const accepted = answered.kind === 'accepted';
  if (msg.action) return withCardNote('command', accepted ? usedCardNotes.offerAccepted : usedCardNotes.offerDeclined);
  const text = accepted ? toOperator.offerAccepted(answered.userName) : toOperator.offerDeclined(answered.userName);
  await settleOfferCard(deps, operator.participant, answered.offerId, text, answered.conversationId);
  return 'command';
}
