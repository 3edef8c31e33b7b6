import { InvalidSettingsError } from '../../src/domain/errors';
import {
  applySettingsChange,
  DEFAULT_SETTINGS,
  MAX_RETURN_TO_OPERATOR_HOURS,
  MAX_TIMEOUT_MINUTES,
  MIN_IDLE_AWAY_MINUTES,
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
    const { returnToOperatorHours: _return, idleAwayMinutes: _idle, ...older } = { ...DEFAULT_SETTINGS, enabled: true };

    expect(withDefaults(older)).toEqual({ ...DEFAULT_SETTINGS, enabled: true });
  });
});
