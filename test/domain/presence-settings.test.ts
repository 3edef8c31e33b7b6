import { InvalidSettingsError } from '../../src/domain/errors';
import {
  applySettingsChange,
  checkSettingsChange,
  DEFAULT_SETTINGS,
  MAX_MISSED_OFFERS_BEFORE_AWAY,
  MAX_OFFER_WINDOW_SECONDS,
  MAX_RETURN_TO_OPERATOR_HOURS,
  MAX_TIMEOUT_MINUTES,
  MIN_IDLE_AWAY_MINUTES,
  MIN_OFFER_WINDOW_SECONDS,
  withDefaults,
  type SettingsChange,
} from '../../src/domain/settings';

/** The presence settings of issue 17: each a number within bounds, or off. */
function rejectionOf(change: SettingsChange): InvalidSettingsError {
  try {
    applySettingsChange(DEFAULT_SETTINGS, change);
  } catch (error) {
    if (error instanceof InvalidSettingsError) return error;
    throw error;
  }
  throw new Error(`Expected ${JSON.stringify(change)} to be refused`);
}

describe('presence settings', () => {
  it('should return users to their operator within 24 hours unless an admin changes it', () => {
    expect(DEFAULT_SETTINGS.returnToOperatorHours).toBe(24);
  });

  it.each<[string, SettingsChange]>([
    ['returning within 1 hour', { returnToOperatorHours: 1 }],
    ['returning within a week', { returnToOperatorHours: MAX_RETURN_TO_OPERATOR_HOURS }],
    ['returning turned off', { returnToOperatorHours: 'off' }],
    ['idle operators put off duty after 5 minutes', { idleAwayMinutes: MIN_IDLE_AWAY_MINUTES }],
    ['idle operators put off duty after a day', { idleAwayMinutes: MAX_TIMEOUT_MINUTES }],
    ['idle auto-away turned off', { idleAwayMinutes: 'off' }],
  ])('should accept %s', (_what, change) => {
    expect(applySettingsChange(DEFAULT_SETTINGS, change)).toEqual({ ...DEFAULT_SETTINGS, ...change });
  });

  it.each<[string, unknown]>([
    ['0 hours', 0],
    ['more than a week', MAX_RETURN_TO_OPERATOR_HOURS + 1],
    ['1.5 hours', 1.5],
    ['a word other than off', 'never'],
    ['null', null],
    ['hours as text', '24'],
  ])('should refuse returning within %s with an invalid_settings error that says what is allowed', (_what, value) => {
    const error = rejectionOf({ returnToOperatorHours: value as number });

    expect(error.code).toBe('invalid_settings');
    expect(error.problems).toEqual([`Returning to the same operator must be off or from 1 to ${MAX_RETURN_TO_OPERATOR_HOURS} hours.`]);
  });

  it('should put operators idle for 30 minutes off duty unless an admin changes it', () => {
    expect(DEFAULT_SETTINGS.idleAwayMinutes).toBe(30);
  });

  it.each<[string, unknown]>([
    ['4 minutes, shorter than the sweep runs', 4],
    ['more than a day', MAX_TIMEOUT_MINUTES + 1],
    ['12.5 minutes', 12.5],
    ['a word other than off', 'later'],
    ['minutes as text', '30'],
  ])('should refuse an idle time of %s with an invalid_settings error that says what is allowed', (_what, value) => {
    const error = rejectionOf({ idleAwayMinutes: value as number });

    expect(error.code).toBe('invalid_settings');
    expect(error.problems).toEqual([`Putting idle operators off duty must be off or from ${MIN_IDLE_AWAY_MINUTES} to ${MAX_TIMEOUT_MINUTES} minutes.`]);
  });

  it('should list both presence problems at once', () => {
    expect(rejectionOf({ returnToOperatorHours: 0, idleAwayMinutes: 0 }).problems).toHaveLength(2);
  });

  it('should read settings saved before these existed with their defaults', () => {
    const {
      returnToOperatorHours: _return,
      idleAwayMinutes: _idle,
      operatorAssignment: _assignment,
      offerWindowSeconds: _window,
      missedOffersBeforeAway: _missed,
      ...older
    } = { ...DEFAULT_SETTINGS, enabled: true };

    expect(withDefaults(older)).toEqual({ ...DEFAULT_SETTINGS, enabled: true });
  });
});

describe('operator offers settings', () => {
  const ASSIGNMENT_REFUSED = 'How users reach operators must be “Assign directly” or “Offer first”.';
  const WINDOW_REFUSED = `The offer window must be from ${MIN_OFFER_WINDOW_SECONDS} to ${MAX_OFFER_WINDOW_SECONDS} seconds.`;
  const MISSED_REFUSED = `Missed offers before an operator is put off duty must be off or from 1 to ${MAX_MISSED_OFFERS_BEFORE_AWAY}.`;

  it('should hand users straight to the operator routing picks unless an admin chooses Offer first', () => {
    expect(DEFAULT_SETTINGS.operatorAssignment).toBe('assign-directly');
  });

  it('should give an operator 60 seconds to accept an offer, and put them off duty after 2 missed in a row, unless an admin changes it', () => {
    expect(DEFAULT_SETTINGS.offerWindowSeconds).toBe(60);
    expect(DEFAULT_SETTINGS.missedOffersBeforeAway).toBe(2);
  });

  it('should keep the offer window between 15 seconds and 10 minutes, and missed offers between 1 and 10', () => {
    expect([MIN_OFFER_WINDOW_SECONDS, MAX_OFFER_WINDOW_SECONDS, MAX_MISSED_OFFERS_BEFORE_AWAY]).toEqual([15, 600, 10]);
  });

  it.each<[string, SettingsChange]>([
    ['Offer first', { operatorAssignment: 'offer-first' }],
    ['Assign directly', { operatorAssignment: 'assign-directly' }],
    ['the shortest offer window', { offerWindowSeconds: MIN_OFFER_WINDOW_SECONDS }],
    ['the longest offer window', { offerWindowSeconds: MAX_OFFER_WINDOW_SECONDS }],
    ['one missed offer', { missedOffersBeforeAway: 1 }],
    ['the most missed offers', { missedOffersBeforeAway: MAX_MISSED_OFFERS_BEFORE_AWAY }],
    ['missed offers turned off', { missedOffersBeforeAway: 'off' }],
  ])('should accept %s', (_what, change) => {
    expect(applySettingsChange(DEFAULT_SETTINGS, change)).toEqual({ ...DEFAULT_SETTINGS, ...change });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['another way to reach operators', { operatorAssignment: 'round-robin' }, ASSIGNMENT_REFUSED],
    ['no way to reach operators', { operatorAssignment: null }, ASSIGNMENT_REFUSED],
    ['an offer window of 14 seconds', { offerWindowSeconds: MIN_OFFER_WINDOW_SECONDS - 1 }, WINDOW_REFUSED],
    ['an offer window over 10 minutes', { offerWindowSeconds: MAX_OFFER_WINDOW_SECONDS + 1 }, WINDOW_REFUSED],
    ['an offer window of 20.5 seconds', { offerWindowSeconds: 20.5 }, WINDOW_REFUSED],
    ['an offer window as text', { offerWindowSeconds: '60' }, WINDOW_REFUSED],
    ['an offer window turned off', { offerWindowSeconds: 'off' }, WINDOW_REFUSED],
    ['0 missed offers', { missedOffersBeforeAway: 0 }, MISSED_REFUSED],
    ['11 missed offers', { missedOffersBeforeAway: MAX_MISSED_OFFERS_BEFORE_AWAY + 1 }, MISSED_REFUSED],
    ['1.5 missed offers', { missedOffersBeforeAway: 1.5 }, MISSED_REFUSED],
    ['a word other than off', { missedOffersBeforeAway: 'never' }, MISSED_REFUSED],
  ])('should refuse %s with an invalid_settings error that says what is allowed', (_what, change, reason) => {
    const error = rejectionOf(change);

    expect(error.code).toBe('invalid_settings');
    expect(error.problems).toEqual([reason]);
  });

  it('should list every offers problem at once', () => {
    expect(rejectionOf({ operatorAssignment: 'x' as 'offer-first', offerWindowSeconds: 0, missedOffersBeforeAway: 0 }).problems).toEqual([
      ASSIGNMENT_REFUSED,
      WINDOW_REFUSED,
      MISSED_REFUSED,
    ]);
  });

  it('should check a change on its own, so that it can be refused before the saved settings are read', () => {
    expect(() => checkSettingsChange({ operatorAssignment: 'offer-first', offerWindowSeconds: 30, missedOffersBeforeAway: 3 })).not.toThrow();
    expect(() => checkSettingsChange({ offerWindowSeconds: 5 })).toThrow(InvalidSettingsError);
  });
});
