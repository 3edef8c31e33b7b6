export const redactionMarkers = {
  cardNumber: 'Kartennummer entfernt',
  password: 'Passwort entfernt',
  credential: 'Zugangsschlüssel entfernt',
};
