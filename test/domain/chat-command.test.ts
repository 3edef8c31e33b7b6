import { isOperatorOnly, parseOperatorCommand, type OperatorCommand } from '../../src/app/commands/parse';
import { acceptsTicketOffer, asksForHuman, parseUserCommand } from '../../src/domain/chat-command';
import { DEFAULT_SETTINGS } from '../../src/domain/settings';

describe('parseOperatorCommand', () => {
  describe('duty commands', () => {
    it.each([
      ['#on', { kind: 'go-on-duty' }],
      ['#ON', { kind: 'go-on-duty' }],
      ['#On', { kind: 'go-on-duty' }],
      [' # on ', { kind: 'go-on-duty' }],
      ['#off', { kind: 'go-off-duty' }],
      ['#OFF ', { kind: 'go-off-duty' }],
    ])('should read %j as %j', (text, expected) => {
      // Act
      const command = parseOperatorCommand(text);

      // Assert
      expect(command).toEqual(expected);
    });

    it.each([
      ['<#C0123|on>', { kind: 'go-on-duty' }],
      ['<#C0123ABC|off>', { kind: 'go-off-duty' }],
      [' <#c0123abc|ON> ', { kind: 'go-on-duty' }],
    ])('should read the Slack channel link %j as the command it stands for', (text, expected) => {
      // Arrange: Slack turns a typed `#on` into a link when a channel named `on` exists.

      // Act
      const command = parseOperatorCommand(text);

      // Assert
      expect(command).toEqual(expected);
    });
  });

  describe('ending a conversation', () => {
    it.each(['stop', 'STOP', 'Stop ', '#exit', '# exit', '#EXIT', '#stop'])('should end the conversation when the operator types %j', (text) => {
      // Act
      const command = parseOperatorCommand(text);

      // Assert
      expect(command).toEqual({ kind: 'end-session' });
    });
  });

  describe('listing operators and help', () => {
    it.each([
      ['list_operators', { kind: 'list-operators' }],
      ['#list_operators', { kind: 'list-operators' }],
      ['LIST_OPERATORS', { kind: 'list-operators' }],
      ['#help', { kind: 'help' }],
      ['help', { kind: 'help' }],
    ])('should read %j as %j', (text, expected) => {
      // Act
      const command = parseOperatorCommand(text);

      // Assert
      expect(command).toEqual(expected);
    });
  });

  describe('create_ticket', () => {
    it.each([
      ['#create_ticket', undefined],
      ['create_ticket', undefined],
      ['# create_ticket', undefined],
      ['#create_ticket Printer on floor 3 is broken', 'Printer on floor 3 is broken'],
      ['#CREATE_TICKET   summary  ', 'summary'],
      ['create_ticket VPN drops every 5 minutes: see logs!', 'VPN drops every 5 minutes: see logs!'],
      ['#create_ticket   ', undefined],
    ])('should read %j as a ticket request with summary %j', (text, summary) => {
      // Act
      const command = parseOperatorCommand(text);

      // Assert
      expect(command).toEqual({ kind: 'create-ticket', summary });
    });

    it('should keep the summary verbatim, with its capitals and inner spacing, when one is given', () => {
      // Arrange
      const text = '#create_ticket Printer  on Floor 3 (HP LaserJet) is BROKEN';

      // Act
      const command = parseOperatorCommand(text);

      // Assert
      expect(command).toEqual({ kind: 'create-ticket', summary: 'Printer  on Floor 3 (HP LaserJet) is BROKEN' });
    });

    it('should not read a longer word that starts with create_ticket as the command', () => {
      // Act
      const command = parseOperatorCommand('#create_ticketfoo');

      // Assert
      expect(command).toEqual({ kind: 'unknown', word: '#create_ticketfoo' });
    });
  });

  describe('forward_operator', () => {
    it.each<[string, OperatorCommand]>([
      ['forward_operator', { kind: 'forward', target: undefined }],
      ['#forward_operator', { kind: 'forward', target: undefined }],
      ['forward_operator   ', { kind: 'forward', target: undefined }],
      ['forward_operator 2', { kind: 'forward', target: { by: 'number', number: 2 } }],
      ['#forward_operator 12', { kind: 'forward', target: { by: 'number', number: 12 } }],
      ['forward_operator <@U0ABC123>', { kind: 'forward', target: { by: 'user-id', userId: 'U0ABC123' } }],
      ['forward_operator <@U0ABC123|alice>', { kind: 'forward', target: { by: 'user-id', userId: 'U0ABC123' } }],
      ['forward_operator @Alice Smith', { kind: 'forward', target: { by: 'name', name: 'Alice Smith' } }],
      ['forward_operator alice', { kind: 'forward', target: { by: 'name', name: 'alice' } }],
      ['FORWARD_OPERATOR Bob', { kind: 'forward', target: { by: 'name', name: 'Bob' } }],
    ])('should read %j as %j', (text, expected) => {
      // Act
      const command = parseOperatorCommand(text);

      // Assert
      expect(command).toEqual(expected);
    });
  });

  describe('unknown commands', () => {
    it.each([
      ['#foo', '#foo'],
      ['#FOO', '#foo'],
      ['# foo bar', '#foo'],
      ['#shift_start', '#shift_start'],
    ])('should report %j as the unknown command %j', (text, word) => {
      // Act
      const command = parseOperatorCommand(text);

      // Assert
      expect(command).toEqual({ kind: 'unknown', word });
    });
  });

  describe('messages meant for the user', () => {
    it.each([
      'hello',
      'on my way',
      'stop the printer please',
      'Please stop',
      'the #on command',
      'I will forward_operator later',
      'create a ticket',
      '',
      '   ',
    ])('should return undefined when the operator writes %j', (text) => {
      // Act
      const command = parseOperatorCommand(text);

      // Assert
      expect(command).toBeUndefined();
    });
  });
});

describe('isOperatorOnly', () => {
  it.each<[OperatorCommand, boolean]>([
    [{ kind: 'go-on-duty' }, true],
    [{ kind: 'go-off-duty' }, true],
    [{ kind: 'create-ticket', summary: undefined }, true],
    [{ kind: 'list-operators' }, true],
    [{ kind: 'forward', target: undefined }, true],
    [{ kind: 'end-session' }, false],
    [{ kind: 'help' }, false],
    [{ kind: 'unknown', word: '#foo' }, false],
  ])('should say %j is operator-only: %s', (command, expected) => {
    // Act
    const operatorOnly = isOperatorOnly(command);

    // Assert
    expect(operatorOnly).toBe(expected);
  });
});

describe('parseUserCommand', () => {
  it.each(['stop', 'STOP', '#exit', 'exit', 'cancel', 'Cancel ', '#cancel', ' # exit'])(
    'should read %j as leaving',
    (text) => {
      // Act
      const command = parseUserCommand(text);

      // Assert
      expect(command).toEqual({ kind: 'leave' });
    },
  );

  it.each(['stop it', 'please cancel my order', 'hello', '', '#on'])('should return undefined when the user writes %j', (text) => {
    // Act
    const command = parseUserCommand(text);

    // Assert
    expect(command).toBeUndefined();
  });
});

describe('asksForHuman', () => {
  const phrases = DEFAULT_SETTINGS.handoffPhrases;

  it.each([
    'operator',
    'Operator!',
    'I want to talk to a human please',
    'can I talk to an operator?',
    'AGENT',
    'live agent',
    'a real person, please.',
  ])('should hear a request for a human in %j with the default phrases', (text) => {
    // Act
    const asks = asksForHuman(text, phrases);

    // Assert
    expect(asks).toBe(true);
  });

  it.each([
    'hello',
    '',
    '?!',
    'my vpn agent keeps crashing when I open the laptop lid after lunch today',
    'operators', // the phrase only as part of a longer word
    'humanity',
    'a personal question', // "real person" needs both words together
  ])('should not hear a request for a human in %j with the default phrases', (text) => {
    // Act
    const asks = asksForHuman(text, phrases);

    // Assert
    expect(asks).toBe(false);
  });

  it('should accept a phrase in a message of exactly 12 words and refuse it in one of 13', () => {
    // Arrange
    const twelveWords = 'please can I talk to a human about my broken laptop today';
    const thirteenWords = `${twelveWords} now`;

    // Act
    const inTwelve = asksForHuman(twelveWords, phrases);
    const inThirteen = asksForHuman(thirteenWords, phrases);

    // Assert
    expect(twelveWords.split(' ')).toHaveLength(12);
    expect(inTwelve).toBe(true);
    expect(inThirteen).toBe(false);
  });

  it('should match a custom phrase with accented letters', () => {
    // Act
    const asks = asksForHuman('Je veux parler à un humain', ['parler à un humain']);

    // Assert
    expect(asks).toBe(true);
  });

  it('should not match a custom phrase whose words appear apart', () => {
    // Act
    const asks = asksForHuman('Je veux parler à un autre humain', ['parler à un humain']);

    // Assert
    expect(asks).toBe(false);
  });

  it('should ignore a phrase that is only punctuation', () => {
    // Act
    const asks = asksForHuman('?? hello', ['??']);

    // Assert
    expect(asks).toBe(false);
  });

  it('should count words, not letters split by vowel signs, when a Hindi user asks in eight words', () => {
    // Arrange: "I want to talk to a human" – 8 words. Devanagari vowel signs are marks (\p{M}), not letters.
    const text = 'मैं किसी इंसान से बात करना चाहता हूँ';

    // Act
    const asks = asksForHuman(text, ['इंसान']);

    // Assert
    expect(text.split(' ')).toHaveLength(8);
    expect(asks).toBe(true);
  });

  it('should match a Hindi phrase only as a whole word', () => {
    // Arrange: "इंसानियत" (humanity) starts with "इंसान" (human) but is another word.
    const text = 'इंसानियत';

    // Act
    const asks = asksForHuman(text, ['इंसान']);

    // Assert
    expect(asks).toBe(false);
  });
});

describe('acceptsTicketOffer', () => {
  it.each(['ticket', 'Ticket.', 'Yes', 'yes!', 'ok', 'create ticket', 'Create a ticket', '#create_ticket', 'create_ticket'])(
    'should take %j as accepting the ticket offer',
    (text) => {
      // Act
      const accepted = acceptsTicketOffer(text);

      // Assert
      expect(accepted).toBe(true);
    },
  );

  it.each(['no', 'maybe later', 'no ticket', 'yes?', 'tickets are slow', ''])('should not take %j as accepting the ticket offer', (text) => {
    // Act
    const accepted = acceptsTicketOffer(text);

    // Assert
    expect(accepted).toBe(false);
  });
});

describe('operator commands with words after them', () => {
  it.each([
    ['#off for lunch', 'go-off-duty'],
    ['#on now', 'go-on-duty'],
    ['<#C0123|on> again', 'go-on-duty'],
    ['#exit thanks all', 'end-session'],
  ])('should read %p as the command it starts with', (text, kind) => {
    expect(parseOperatorCommand(text)?.kind).toBe(kind);
  });

  it.each(['stop the printer first', 'help is on the way', '<#C0123|general> is where we post outages', '#1 priority is your laptop'])(
    'should leave %p as words for the user',
    (text) => {
      expect(parseOperatorCommand(text)).toBeUndefined();
    },
  );
});

describe('accepting a ticket offer in a few words', () => {
  it.each(['yes please', 'Yes!', 'ok', 'ticket please'])('should accept %p', (text) => {
    expect(acceptsTicketOffer(text)).toBe(true);
  });

  it.each(['yes?', 'no thanks', 'ok thanks', 'sure, what is next', 'ok, create it', 'yes but first tell me how long the wait is'])('should not accept %p', (text) => {
    expect(acceptsTicketOffer(text)).toBe(false);
  });
});
