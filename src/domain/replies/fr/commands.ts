/** The command names and the words they read (`anyone`) stay as typed; only what they do is French. */
export const commandHelp = {
  'create-ticket': '#create_ticket [résumé] (créer un ticket à partir de la conversation)',
  'end-session': 'stop ou #exit (terminer la conversation en cours)',
  forward: 'forward_operator [numéro, nom ou anyone][: note pour l’opérateur] (confier l’utilisateur à un autre opérateur)',
  'go-off-duty': '#off (terminer votre service)',
  'go-on-duty': '#on (commencer votre service)',
  'list-operators': 'list_operators (voir qui est en service)',
  note: '#note <texte> (une note pour le centre de services, que l’utilisateur ne voit jamais)',
  redact: '#redact [n] (masquer le dernier message de l’utilisateur, ou son n-ième dernier, partout où Koji le garde)',
  'send-saved-reply': '#reply [nom] (envoyer une réponse prédéfinie\u202F; sans nom, les afficher)',
  'accept-offer': '#accept (prendre en charge l’utilisateur qui vous est proposé)',
  'decline-offer': '#decline (transmettre à un autre opérateur l’utilisateur qui vous est proposé)',
} as const;

export const failureReplies = {
  busy: () => 'Koji traite d’autres demandes pour les mêmes personnes. Veuillez réessayer dans un instant.',
} as const;
