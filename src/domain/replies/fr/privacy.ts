export const redactionMarkers = {
  cardNumber: 'numéro de carte supprimé',
  password: 'mot de passe supprimé',
  credential: 'clé d’accès supprimée',
};
