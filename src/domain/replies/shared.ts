import type { ChatChannel } from '../participant';
import { isolatedName } from '../text';

/** What the reply catalogue's modules share: channel and tenant names, the pieces several sentences use. */
export const CHANNEL_NAMES: Record<ChatChannel, string> = { slack: 'Slack', teams: 'Microsoft Teams' };
/** What people on each platform call the place an admin connects to Koji. */
export const TENANT_NAMES: Record<ChatChannel, string> = { slack: 'Slack workspace', teams: 'Microsoft Teams organisation' };
export const tenantName = (channel: ChatChannel): string => TENANT_NAMES[channel];
export const channelName = (channel: ChatChannel): string => CHANNEL_NAMES[channel];

export const BACK_TO_QUEUE = 'the conversation went back to the queue.';

/**
 * What a user is told to type, in quotes: an admin's words, kept plain on every surface as a name is (a phrase
 * like `#on` must not show as a command); each surface's text module escapes the rest.
 */
export const typed = (phrase: string): string => `“${isolatedName(phrase)}”`;

export const people = (n: number): string => (n === 1 ? '1 user is' : `${n} users are`);

export const TICKET_OFFER = 'I can create a ticket from your messages so the service desk gets back to you: reply “ticket” or use the button.';

/** Why a user's operator is gone, as the user is told it; the operator's own line says the same (toOperator). */
export type OperatorGone =
  | { readonly kind: 'off-duty' | 'lost-role' | 'unreachable'; readonly name: string }
  /** The operator's own Slack workspace or Teams tenant was disconnected. */
  | { readonly kind: 'tenant-disconnected'; readonly name: string; readonly channel: ChatChannel };

/**
 * Where a user handed back stands: in the queue at their real place; offered a ticket, as a new request is when
 * nobody is on duty; or somewhere this sentence need not say (connected meanwhile, or gone).
 */
export type HandedBackTo = { readonly kind: 'queue'; readonly position: number } | { readonly kind: 'ticket-offer' } | { readonly kind: 'elsewhere' };

export const operatorGone = (why: OperatorGone): string => {
  const name = isolatedName(why.name);
  switch (why.kind) {
    case 'off-duty':
      return `${name} had to leave.`;
    case 'lost-role':
      return `${name} is no longer available.`;
    case 'unreachable':
      return `${name} can’t be reached any more.`;
    case 'tenant-disconnected':
      return `${name} is no longer available: an administrator disconnected their ${TENANT_NAMES[why.channel]} from Koji.`;
  }
};

export const whereNow = (to: HandedBackTo): string =>
  to.kind === 'queue'
    ? ` You’re ${to.position === 1 ? 'first in line' : `number ${to.position} in the queue`} for the next free operator.`
    : to.kind === 'ticket-offer'
      ? ` No other operator is on duty right now, so nobody can take over this chat. ${TICKET_OFFER}`
      : '';

/** What became of an operator's users when they left, for the operator's own line: the same story the users hear. */
export interface HandedOver {
  /** Users put back in the queue (or straight to another operator). */
  readonly queued: readonly string[];
  /** Users offered a ticket because nobody else was on duty. */
  readonly offeredTicket: readonly string[];
}

export const handedOverLines = ({ queued, offeredTicket }: HandedOver): string[] => [
  queued.length === 0
    ? ''
    : queued.length === 1
      ? `Your conversation with ${isolatedName(queued[0]!)} was handed to another operator or back to the queue.`
      : `Your conversations with ${queued.map(isolatedName).join(', ')} were handed to other operators or back to the queue.`,
  offeredTicket.length > 0
    ? `No other operator is on duty, so ${offeredTicket.map(isolatedName).join(', ')} ${offeredTicket.length === 1 ? 'was' : 'were'} offered a ticket instead.`
    : '',
];

export const offDutyLine = (first: string, handedOver: HandedOver, waiting: number, last: string): string =>
  [first, ...handedOverLines(handedOver), waiting > 0 ? `${people(waiting)} still waiting.` : '', last].filter((s) => s.length > 0).join(' ');

