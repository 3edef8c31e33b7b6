import { InvalidSettingsError } from '../../src/domain/errors';
import { MAX_HANDOFF_PHRASES } from '../../src/domain/handoff-phrases';
import {
  applySettingsChange,
  DEFAULT_SETTINGS,
  MAX_OPERATOR_CAPACITY,
  MAX_TIMEOUT_MINUTES,
  projectTimeZone,
  type LiveAgentSettings,
  type SettingsChange,
} from '../../src/domain/settings';

/** Runs the change and returns the error it threw, failing the test when it did not throw. */
function rejectionOf(change: SettingsChange, current: LiveAgentSettings = DEFAULT_SETTINGS): InvalidSettingsError {
  try {
    applySettingsChange(current, change);
  } catch (error) {
    if (error instanceof InvalidSettingsError) return error;
    throw error;
  }
  throw new Error(`Expected ${JSON.stringify(change)} to be refused`);
}

describe('DEFAULT_SETTINGS', () => {
  it('should keep live agent support off until an admin turns it on', () => {
    // Assert
    expect(DEFAULT_SETTINGS.enabled).toBe(false);
  });
});

describe('applySettingsChange', () => {
  it('should keep the defaults when the change is empty', () => {
    // Act
    const next = applySettingsChange(DEFAULT_SETTINGS, {});

    // Assert
    expect(next).toEqual(DEFAULT_SETTINGS);
  });

  it('should keep current values for fields the change leaves undefined', () => {
    // Arrange
    const current: LiveAgentSettings = { ...DEFAULT_SETTINGS, enabled: true, operatorCapacity: 3 };

    // Act
    const next = applySettingsChange(current, { operatorCapacity: undefined, queueTimeoutMinutes: 5 });

    // Assert
    expect(next).toEqual({ ...current, queueTimeoutMinutes: 5 });
  });

  it('should apply every valid field of a change', () => {
    // Arrange
    const change: SettingsChange = {
      enabled: true,
      operatorCapacity: 4,
      handoffPhrases: ['operator', 'support person'],
      inactivityTimeoutMinutes: 45,
      queueTimeoutMinutes: 15,
      requestTypeId: '27',
      returnToOperatorHours: 6,
      idleAwayMinutes: 45,
      operatorAssignment: 'offer-first',
      offerWindowSeconds: 90,
      missedOffersBeforeAway: 'off',
      ratingScale: 'thumbs',
      ratingWindowHours: 48,
      maxFileMegabytes: 10,
      allowedFileTypes: ['image/*', '.pdf'],
      defaultLanguage: 'de',
      localHandoffPhrases: { fr: ['opérateur'], de: ['Mitarbeiter', 'Mensch'] },
      retentionDays: 30,
      followUp: false,
      followUpStatuses: ['Resolved', 'Waiting for customer'],
      followUpReplies: false,
      autoRedaction: true,
    };

    // Act
    const next = applySettingsChange(DEFAULT_SETTINGS, change);

    // Assert
    expect(next).toEqual(change);
  });

  it('should not change the settings it was given', () => {
    // Arrange
    const current: LiveAgentSettings = { ...DEFAULT_SETTINGS, handoffPhrases: ['operator'] };

    // Act
    applySettingsChange(current, { enabled: true, handoffPhrases: ['human'] });

    // Assert
    expect(current).toEqual({ ...DEFAULT_SETTINGS, handoffPhrases: ['operator'] });
  });

  it.each([
    ['the smallest capacity', { operatorCapacity: 1 }],
    ['the largest capacity', { operatorCapacity: MAX_OPERATOR_CAPACITY }],
    ['the shortest inactivity timeout', { inactivityTimeoutMinutes: 1 }],
    ['the longest inactivity timeout', { inactivityTimeoutMinutes: MAX_TIMEOUT_MINUTES }],
    ['the longest queue timeout', { queueTimeoutMinutes: MAX_TIMEOUT_MINUTES }],
  ])('should accept %s', (_what, change: SettingsChange) => {
    // Act
    const next = applySettingsChange(DEFAULT_SETTINGS, change);

    // Assert
    expect(next).toEqual({ ...DEFAULT_SETTINGS, ...change });
  });

  it('should change one language’s handoff phrases and keep the other’s', () => {
    // Act
    const next = applySettingsChange(DEFAULT_SETTINGS, { localHandoffPhrases: { fr: ['  un humain '] } });

    // Assert
    expect(next.localHandoffPhrases).toEqual({ fr: ['un humain'], de: DEFAULT_SETTINGS.localHandoffPhrases.de });
  });

  it('should trim handoff phrases and keep their order', () => {
    // Act
    const next = applySettingsChange(DEFAULT_SETTINGS, { handoffPhrases: ['  operator ', '\thuman\n', 'Live agent'] });

    // Assert
    expect(next.handoffPhrases).toEqual(['operator', 'human', 'Live agent']);
  });

  it.each<[string, SettingsChange, RegExp]>([
    ['capacity 0', { operatorCapacity: 0 }, /capacity/i],
    ['capacity 11', { operatorCapacity: MAX_OPERATOR_CAPACITY + 1 }, /capacity/i],
    ['capacity 1.5', { operatorCapacity: 1.5 }, /capacity/i],
    ['capacity NaN', { operatorCapacity: Number.NaN }, /capacity/i],
    ['inactivity timeout 0', { inactivityTimeoutMinutes: 0 }, /inactivity timeout/i],
    ['inactivity timeout over a day', { inactivityTimeoutMinutes: MAX_TIMEOUT_MINUTES + 1 }, /inactivity timeout/i],
    ['queue timeout 0', { queueTimeoutMinutes: 0 }, /queue timeout/i],
    ['queue timeout -5', { queueTimeoutMinutes: -5 }, /queue timeout/i],
    ['no handoff phrases', { handoffPhrases: [] }, /phrase/i],
    ['only empty handoff phrases', { handoffPhrases: ['', '   ', '\n'] }, /phrase/i],
    ['an emptied handoff phrase among others', { handoffPhrases: ['operator', '  ', 'human'] }, /^Phrase 2 is empty: type a phrase or remove it\.$/],
    ['a handoff phrase of 81 characters', { handoffPhrases: ['operator', 'x'.repeat(81)] }, /80 characters/i],
    ['a non-numeric request type', { requestTypeId: 'abc' }, /request type/i],
    ['a request type with a number inside text', { requestTypeId: 'id-12' }, /request type/i],
    ['a default language Koji does not speak', { defaultLanguage: 'es' as never }, /default language must be English, French or German/],
    ['handoff phrases for a language Koji does not speak', { localHandoffPhrases: { es: ['operador'] } as never }, /French and German only/],
    ['a French phrase that is what users type to leave', { localHandoffPhrases: { fr: ['annuler'] } }, /^French phrases: .*leave the queue/],
    ['the same German phrase twice', { localHandoffPhrases: { de: ['Mensch', 'mensch'] } }, /^German phrases: .*same phrase/],
  ])('should refuse %s with an invalid_settings error naming the field', (_what, change, field) => {
    // Act
    const error = rejectionOf(change);

    // Assert
    expect(error.code).toBe('invalid_settings');
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(field);
    expect(error.message).toMatch(field);
  });

  it('should clear the request type when given an empty one', () => {
    // Arrange
    const withType = applySettingsChange(DEFAULT_SETTINGS, { requestTypeId: '12' });

    // Act
    const cleared = applySettingsChange(withType, { requestTypeId: '' });

    // Assert
    expect(withType.requestTypeId).toBe('12');
    expect(cleared.requestTypeId).toBeUndefined();
  });

  it('should list every problem of a change at once', () => {
    // Act
    const error = rejectionOf({ operatorCapacity: 0, queueTimeoutMinutes: 0, handoffPhrases: [' '] });

    // Assert
    expect(error.problems).toHaveLength(3);
    expect(error.problems.join('\n')).toMatch(/capacity/i);
    expect(error.problems.join('\n')).toMatch(/queue timeout/i);
    expect(error.problems.join('\n')).toMatch(/phrase/i);
  });

  it('should refuse a value of the wrong type sent by a client', () => {
    // Arrange: the settings page posts JSON, so types are not guaranteed at runtime.
    const change = { enabled: 'yes', operatorCapacity: '3' } as unknown as SettingsChange;

    // Act
    const error = rejectionOf(change);

    // Assert
    expect(error.problems.join('\n')).toMatch(/on or off/i);
    expect(error.problems.join('\n')).toMatch(/capacity/i);
  });

  it('should throw an InvalidSettingsError, a DomainError with a message safe to show', () => {
    // Act
    const act = () => applySettingsChange(DEFAULT_SETTINGS, { operatorCapacity: 0 });

    // Assert
    expect(act).toThrow(InvalidSettingsError);
    expect(act).toThrow('Operator capacity must be a whole number from 1 to 10.');
  });
});

/**
 * The bot tells users to type the first handoff phrase, so an admin's list must hold phrases a user can type and
 * Koji can tell apart: a mistake in it is refused with what to fix, never dropped or kept without a word.
 */
describe('the phrases that ask for a human', () => {
  it.each<[string, readonly string[], string]>([
    ['several emptied phrases', ['operator', '', 'human', ' '], 'Phrases 2 and 4 are empty: type a phrase in each or remove them.'],
    ['the same phrase twice', ['operator', 'human', 'operator'], '“operator” is listed 2 times: keep one.'],
    ['the same phrase in other capitals and spacing', ['Talk to  an operator', 'talk to an operator '], '“Talk to  an operator” and “talk to an operator” are the same phrase to Koji (capitals, spaces and punctuation don’t count): keep one.'],
    ['a phrase with no letters or digits', ['operator', '?!'], '“?!” has no letters or digits, so no message can match it.'],
    ['more phrases than the limit', Array.from({ length: MAX_HANDOFF_PHRASES + 1 }, (_, i) => `phrase ${i + 1}`), 'Give at most 20 phrases that ask for a human (there are 21).'],
    ['a list that is not of texts', ['operator', 7] as unknown as string[], 'The phrases that ask for a human must be a list of texts.'],
    ['a phrase longer than a message Koji reads as a handoff', ['please could you put me through to a real human being at the help desk'], '“please could you put me through to a re…” has more than 12 words, and Koji reads a phrase only in messages of at most 12 words: shorten it.'],
    ['a phrase written as a command', ['#on'], '“#on” starts with #, as commands do, so it is read as a command: write it without the #.'],
    ['a word users type to leave the queue', ['operator', 'Cancel'], '“Cancel” is what users type to leave the queue or take a ticket, so it is read as that: pick another phrase.'],
    ['a word users type to take a ticket', ['ticket'], '“ticket” is what users type to leave the queue or take a ticket, so it is read as that: pick another phrase.'],
  ])('should refuse %s, saying what to fix', (_what, handoffPhrases, problem) => {
    // Act
    const error = rejectionOf({ handoffPhrases });

    // Assert
    expect(error.code).toBe('invalid_settings');
    expect(error.problems).toEqual([problem]);
  });

  it('should accept as many phrases as the limit, each as long as allowed', () => {
    // Arrange
    const handoffPhrases = Array.from({ length: MAX_HANDOFF_PHRASES }, (_, i) => `${i + 1} ${'x'.repeat(76)}`.slice(0, 80));

    // Act
    const next = applySettingsChange(DEFAULT_SETTINGS, { handoffPhrases });

    // Assert
    expect(next.handoffPhrases).toEqual(handoffPhrases);
  });

  it('should name each problem of a list at once', () => {
    // Act
    const error = rejectionOf({ handoffPhrases: ['human', '', 'Human', 'x'.repeat(81)] });

    // Assert
    expect(error.problems).toEqual([
      'Phrase 2 is empty: type a phrase or remove it.',
      'Each phrase must be at most 80 characters.',
      '“human” and “Human” are the same phrase to Koji (capitals, spaces and punctuation don’t count): keep one.',
    ]);
  });

  it('should refuse a change to another setting while the saved phrases repeat one, so the list gets fixed', () => {
    // Arrange: saved before duplicates were refused.
    const current: LiveAgentSettings = { ...DEFAULT_SETTINGS, handoffPhrases: ['operator', 'Operator'] };

    // Act
    const error = rejectionOf({ operatorCapacity: 2 }, current);

    // Assert
    expect(error.problems).toEqual([expect.stringContaining('“operator” and “Operator” are the same phrase')]);
  });
});

describe('the time zone and business hours', () => {
  const weekdays = { monday: [{ from: '09:00', to: '17:30' }], friday: [{ from: '14:00', to: '17:00' }, { from: '09:00', to: '12:00' }] };

  it('should leave settings saved before them in UTC and always open', () => {
    expect(projectTimeZone(DEFAULT_SETTINGS)).toBe('UTC');
    expect(DEFAULT_SETTINGS.businessHours).toBeUndefined();
  });

  it('should save an IANA time zone and a weekly schedule, each day’s intervals in order', () => {
    const next = applySettingsChange(DEFAULT_SETTINGS, { timeZone: 'Europe/Paris', businessHours: weekdays });
    expect(projectTimeZone(next)).toBe('Europe/Paris');
    expect(next.businessHours).toEqual({ monday: weekdays.monday, friday: [{ from: '09:00', to: '12:00' }, { from: '14:00', to: '17:00' }] });
  });

  it('should turn business hours off with null, keeping the time zone', () => {
    const withHours = applySettingsChange(DEFAULT_SETTINGS, { timeZone: 'America/New_York', businessHours: weekdays });
    const off = applySettingsChange(withHours, { businessHours: null });
    expect(off.businessHours).toBeNull();
    expect(off.timeZone).toBe('America/New_York');
  });

  it('should refuse a time zone the runtime does not know, saying what to write', () => {
    expect(rejectionOf({ timeZone: 'Paris' }).problems).toEqual(['The time zone must be an IANA time zone name, such as Europe/Paris.']);
  });

  it('should refuse a schedule with overlapping intervals, naming the day and the hours', () => {
    const error = rejectionOf({ businessHours: { wednesday: [{ from: '09:00', to: '13:00' }, { from: '12:00', to: '18:00' }] } });
    expect(error.code).toBe('invalid_settings');
    expect(error.problems).toEqual(['Wednesday: 09:00–13:00 and 12:00–18:00 overlap.']);
  });
});
