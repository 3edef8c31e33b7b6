import { parseParticipantKey, participantKey, sameParticipant, type Participant } from '../../src/domain/participant';

describe('participantKey', () => {
  it.each<[string, Participant]>([
    ['a Slack user', { channel: 'slack', tenantId: 'T0123ABCD', userId: 'U0ABC123' }],
    ['a Slack Enterprise Grid user', { channel: 'slack', tenantId: 'E0123ABCD', userId: 'W0ABC123' }],
    ['a Teams user', { channel: 'teams', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', userId: '29:1AbC-xyz_09' }],
    [
      'a Teams user with an AAD object id',
      { channel: 'teams', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', userId: '8:orgid:0b7c2a4e-5f61-4c3d-9e8f-123456789abc' },
    ],
  ])('should read the key of %s back as the same participant', (_who, participant) => {
    // Act
    const key = participantKey(participant);
    const parsed = parseParticipantKey(key);

    // Assert
    expect(parsed).toEqual(participant);
  });

  it('should give different keys to the same user id on different tenants and channels', () => {
    // Arrange
    const people: Participant[] = [
      { channel: 'slack', tenantId: 'T1', userId: 'U1' },
      { channel: 'slack', tenantId: 'T2', userId: 'U1' },
      { channel: 'teams', tenantId: 'T1', userId: 'U1' },
    ];

    // Act
    const keys = people.map(participantKey);

    // Assert
    expect(new Set(keys).size).toBe(3);
  });

  it('should spell the key as channel/tenant/user', () => {
    // Act
    const key = participantKey({ channel: 'slack', tenantId: 'T0123', userId: 'U0456' });

    // Assert
    expect(key).toBe('slack/T0123/U0456');
  });
});

describe('parseParticipantKey', () => {
  it.each([
    '',
    'slack',
    'slack/T1',
    'slack/T1/',
    'slack//U1',
    '/T1/U1',
    'discord/T1/U1',
    'SLACK/T1/U1',
    ' slack/T1/U1',
    'teams:T1:U1',
  ])('should return undefined for %j', (key) => {
    // Act
    const parsed = parseParticipantKey(key);

    // Assert
    expect(parsed).toBeUndefined();
  });
});

describe('sameParticipant', () => {
  const alice: Participant = { channel: 'slack', tenantId: 'T1', userId: 'U1' };

  it.each<[string, Participant, boolean]>([
    ['the same person in another object', { channel: 'slack', tenantId: 'T1', userId: 'U1' }, true],
    ['another user', { channel: 'slack', tenantId: 'T1', userId: 'U2' }, false],
    ['another tenant', { channel: 'slack', tenantId: 'T2', userId: 'U1' }, false],
    ['another channel', { channel: 'teams', tenantId: 'T1', userId: 'U1' }, false],
  ])('should compare with %s: %s', (_what, other, expected) => {
    // Act
    const same = sameParticipant(alice, other);

    // Assert
    expect(same).toBe(expected);
  });
});
