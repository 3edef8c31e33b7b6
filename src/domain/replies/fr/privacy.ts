import { isolatedName } from '../../text';

export const redactionMarkers = {
  cardNumber: 'numéro de carte supprimé',
  password: 'mot de passe supprimé',
  credential: 'clé d’accès supprimée',
};

type Found = readonly ('cardNumber' | 'password' | 'credential')[];

const SECRET_NAMES = { cardNumber: 'un numéro de carte', password: 'un mot de passe', credential: 'une clé d’accès' } as const;

function listed(found: Found): string {
  const names = found.map((kind) => SECRET_NAMES[kind]);
  return names.length < 2 ? (names[0] ?? SECRET_NAMES.password) : `${names.slice(0, -1).join(', ')} et ${names.at(-1) ?? ''}`;
}

export const redactionReplies = {
  secretsRemoved: (found: Found) => `Koji a retiré de votre message ce qui ressemblait à ${listed(found)} avant de le transmettre.`,
  redactedBy: (operatorName: string, at: string) => `masqué par ${isolatedName(operatorName)} à ${at}`,
  redactedNote: (operatorName: string) => `${isolatedName(operatorName)} a masqué un message.`,
  ticketNote: (operatorName: string, name: string, sentAt: string) =>
    `${isolatedName(operatorName)} a masqué dans Koji le message de ${isolatedName(name)} du ${sentAt}. Ce ticket le contient déjà\u00A0: merci de l’en retirer à la main.`,
  redacted: (userName: string, sentAt: string, copyReplaced: boolean, onTicket: boolean) =>
    `Le message de ${isolatedName(userName)} du ${sentAt} est masqué dans la transcription${copyReplaced ? ' et dans la copie que Koji a publiée dans votre chat' : ''}.` +
    `${copyReplaced ? '' : ' Koji n’a pas pu modifier sa copie dans votre chat.'}` +
    `${onTicket ? ' Son ticket le contenait déjà\u00A0: le centre de services est prié de l’y retirer.' : ''}` +
    ` Le message d’origine reste dans le chat de ${isolatedName(userName)}\u00A0: Koji ne peut pas modifier ce qu’une autre personne a envoyé.`,
  redactTakesANumber: (back: number) => `#redact prend le message de l’utilisateur à masquer, compté depuis son dernier\u00A0: un nombre de 1 à ${back}, ou rien pour le dernier.`,
  nothingToRedact: (userName: string, back: number) =>
    `Koji n’a trouvé aucun message de ${isolatedName(userName)} à masquer. #redact masque son dernier message, #redact 2 celui d’avant, jusqu’à #redact ${back}.`,
};
