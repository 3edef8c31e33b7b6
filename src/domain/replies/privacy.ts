/**
 * What stands in a message for a secret Koji removed (auto-redaction.ts), in the conversation's language: the
 * transcript, the other side's copy and any ticket read the same marker, in square brackets.
 */
export const redactionMarkers = {
  cardNumber: 'card number removed',
  password: 'password removed',
  credential: 'access key removed',
};
