import { describeAuditEntry, type AdminAction } from '../../src/domain/audit';
import { settingsChanges } from '../../src/domain/audit-settings';
import { DEFAULT_SETTINGS, type LiveAgentSettings } from '../../src/domain/settings';

/** How a settings save reads in the Audit log: each field before → after, in the backoffice's words. */
const ADA = { accountId: 'acc-ada', displayName: 'Ada Admin' };

function saved(change: Partial<LiveAgentSettings>, before: LiveAgentSettings = DEFAULT_SETTINGS): string {
  const after = { ...before, ...change };
  const changes = settingsChanges(before, after);
  const action: AdminAction = { projectId: '10000', actor: ADA, kind: before.enabled === after.enabled ? 'settings' : 'support', changes };
  return describeAuditEntry(action);
}

describe('a settings save in the audit log', () => {
  it('should say what changed from what to what, with the unit', () => {
    expect(saved({ queueTimeoutMinutes: 15 })).toBe('Ada Admin changed Queue timeout: 10 → 15 minutes');
    expect(saved({ returnToOperatorHours: 'off' })).toBe('Ada Admin changed Return users to the operator who last served them: 24 hours → off');
    expect(saved({ ratingScale: 'thumbs', defaultLanguage: 'fr' })).toBe('Ada Admin changed Ratings: 1 to 5 → Thumbs up or down; Default language: English → Français');
  });

  it('should headline turning live agent support on or off, with anything else saved with it', () => {
    expect(saved({ enabled: true })).toBe('Ada Admin turned live agent support on');
    expect(saved({ enabled: false, operatorCapacity: 3 }, { ...DEFAULT_SETTINGS, enabled: true })).toBe('Ada Admin turned live agent support off, and changed Operator capacity: 1 → 3 conversations');
  });

  it('should summarise lists by what was added, edited and removed, and a saved reply by its name only', () => {
    const replies = [
      { name: 'VPN reset', text: 'Your VPN token was reset.' },
      { name: 'Welcome', text: 'Hello {user}!' },
    ];
    const before = { ...DEFAULT_SETTINGS, savedReplies: replies };
    const text = saved({ savedReplies: [{ name: 'VPN reset', text: 'A secret-looking text' }, { name: 'Printer', text: 'Turn it off and on.' }] }, before);
    expect(text).toBe('Ada Admin changed Saved replies: 2 replies → 2 replies (added “Printer”, edited “VPN reset”, removed “Welcome”)');
    expect(text).not.toContain('secret-looking');
    expect(saved({ handoffPhrases: ['operator', 'a person'] })).toBe('Ada Admin changed Phrases that ask for a human: 6 phrases → 2 phrases (added “a person”, removed “agent”, “human”, “live agent”, “talk to an operator”, “real person”)');
    expect(saved({ localHandoffPhrases: { ...DEFAULT_SETTINGS.localHandoffPhrases, de: [] } })).toMatch(/^Ada Admin changed German phrases: 5 phrases → 0 phrases \(removed “mit einem Menschen sprechen”/);
  });

  it('should summarise business hours by day', () => {
    expect(saved({ businessHours: { monday: [{ from: '09:00', to: '17:30' }], friday: [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '16:00' }] } })).toBe(
      'Ada Admin changed Business hours: off → Mon 09:00–17:30; Fri 09:00–12:00, 13:00–16:00',
    );
  });

  it('should have words for every setting there is', () => {
    const every: LiveAgentSettings = {
      ...DEFAULT_SETTINGS,
      requestTypeId: '10001',
      timeZone: 'Europe/Paris',
      businessHours: null,
      savedReplies: [],
    };
    const other: LiveAgentSettings = {
      enabled: true,
      operatorCapacity: 2,
      handoffPhrases: ['person'],
      inactivityTimeoutMinutes: 31,
      queueTimeoutMinutes: 11,
      requestTypeId: '10002',
      returnToOperatorHours: 2,
      idleAwayMinutes: 'off',
      operatorAssignment: 'offer-first',
      offerWindowSeconds: 90,
      missedOffersBeforeAway: 3,
      ratingScale: 'off',
      ratingWindowHours: 2,
      retentionDays: 30,
      timeZone: 'UTC',
      businessHours: { monday: [{ from: '08:00', to: '12:00' }] },
      savedReplies: [{ name: 'Hi', text: 'Hi' }],
      maxFileMegabytes: 5,
      allowedFileTypes: ['.pdf'],
      defaultLanguage: 'de',
      localHandoffPhrases: { fr: ['humain'], de: ['Mensch'] },
      followUp: false,
      followUpStatuses: ['Resolved'],
      followUpReplies: false,
      autoRedaction: true,
    };
    const changes = settingsChanges(every, other);
    // Every field of the settings (both per-language lists) has words of its own: none falls back to its code name.
    expect(changes.map((c) => c.label)).toEqual([
      'Live agent support',
      'Operator capacity',
      'Phrases that ask for a human',
      'Inactivity timeout',
      'Queue timeout',
      'Return users to the operator who last served them',
      'Put idle operators off duty',
      'How users reach operators',
      'Offer window',
      'Missed offers before off duty',
      'Ratings',
      'Rating window',
      'Keep conversations',
      'Largest file',
      'Allowed file types',
      'Default language',
      'French phrases',
      'German phrases',
      'Ticket follow-up in the chat',
      'Statuses that tell the user',
      'Users may reply from the chat',
      'Remove secrets from messages',
      'Request type for tickets',
      'Time zone',
      'Business hours',
      'Saved replies',
    ]);
  });

  it('should record a field it has no words for by its name, and one that looks like a secret without its values', () => {
    const before = { ...DEFAULT_SETTINGS, escalationLevel: 1, webhookToken: 'tok-123' } as LiveAgentSettings;
    const after = { ...DEFAULT_SETTINGS, escalationLevel: 2, webhookToken: 'tok-456' } as LiveAgentSettings;
    const text = describeAuditEntry({ projectId: '1', actor: ADA, kind: 'settings', changes: settingsChanges(before, after) });
    expect(text).toBe('Ada Admin changed Escalation level: 1 → 2; Webhook token: hidden → hidden');
  });
});
