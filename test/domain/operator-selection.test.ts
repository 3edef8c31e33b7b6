import type { Operator } from '../../src/domain/operator';
import { eligibleOperators, pickOperator, sortForDisplay } from '../../src/domain/operator-selection';
import { anOperator, T0 } from '../builders/operator';

const names = (operators: readonly Operator[]): string[] => operators.map((o) => o.displayName);

describe('eligibleOperators', () => {
  it('should keep on-duty operators with room and drop the off-duty and the full ones', () => {
    // Arrange
    const operators = [
      anOperator({ displayName: 'Alice', load: 0 }),
      anOperator({ displayName: 'Bob', duty: 'off' }),
      anOperator({ displayName: 'Carol', load: 2 }),
      anOperator({ displayName: 'Dan', load: 1 }),
    ];

    // Act
    const eligible = eligibleOperators(operators, 2);

    // Assert
    expect(names(eligible)).toEqual(['Alice', 'Dan']);
  });

  it.each([
    [1, ['Idle']],
    [2, ['Idle', 'One']],
    [3, ['Idle', 'One', 'Two']],
  ])('should treat capacity %d as the number of conversations an operator can hold', (capacity, expected) => {
    // Arrange
    const operators = [
      anOperator({ displayName: 'Idle', load: 0 }),
      anOperator({ displayName: 'One', load: 1 }),
      anOperator({ displayName: 'Two', load: 2 }),
    ];

    // Act
    const eligible = eligibleOperators(operators, capacity);

    // Assert
    expect(names(eligible)).toEqual(expected);
  });

  it('should leave out the excluded participant when forwarding away from them', () => {
    // Arrange
    const alice = anOperator({ displayName: 'Alice' });
    const bob = anOperator({ displayName: 'Bob' });

    // Act
    const eligible = eligibleOperators([alice, bob], 1, { excluding: alice.participant });

    // Assert
    expect(names(eligible)).toEqual(['Bob']);
  });

  it('should exclude only the same person, not a namesake on another tenant or channel', () => {
    // Arrange
    const alice = anOperator({ displayName: 'Alice' });
    const otherTenant = anOperator({ displayName: 'Alice', participant: { ...alice.participant, tenantId: 'T0002' } });
    const otherChannel = anOperator({ displayName: 'Alice', participant: { ...alice.participant, channel: 'teams' } });

    // Act
    const eligible = eligibleOperators([alice, otherTenant, otherChannel], 1, { excluding: alice.participant });

    // Assert
    expect(eligible).toEqual([otherTenant, otherChannel]);
  });

  it('should return nobody when nobody is on duty', () => {
    // Arrange
    const operators = [anOperator({ displayName: 'Alice', duty: 'off' }), anOperator({ displayName: 'Bob', duty: 'off' })];

    // Act
    const eligible = eligibleOperators(operators, 10);

    // Assert
    expect(eligible).toEqual([]);
  });
});

describe('pickOperator', () => {
  it('should pick the least loaded operator even when another has been idle longer', () => {
    // Arrange
    const operators = [
      anOperator({ displayName: 'Alice', load: 2, idleSince: T0 - 60_000 }),
      anOperator({ displayName: 'Bob', load: 1, idleSince: T0 }),
      anOperator({ displayName: 'Carol', load: 3, idleSince: T0 - 120_000 }),
    ];

    // Act
    const picked = pickOperator(operators);

    // Assert
    expect(picked?.displayName).toBe('Bob');
  });

  it('should pick the one idle longest (smallest idleSince) when loads are equal', () => {
    // Arrange
    const operators = [
      anOperator({ displayName: 'Alice', idleSince: T0 + 5_000 }),
      anOperator({ displayName: 'Bob', idleSince: T0 + 1_000 }),
      anOperator({ displayName: 'Carol', idleSince: T0 + 3_000 }),
    ];

    // Act
    const picked = pickOperator(operators);

    // Assert
    expect(picked?.displayName).toBe('Bob');
  });

  it('should break a tie in load and idle time by display name', () => {
    // Arrange
    const operators = [
      anOperator({ displayName: 'Carol' }),
      anOperator({ displayName: 'alice' }),
      anOperator({ displayName: 'Bob' }),
    ];

    // Act
    const picked = pickOperator(operators);

    // Assert
    expect(picked?.displayName).toBe('alice');
  });

  it('should pick the same operator whatever order the store returned them in', () => {
    // Arrange
    const operators = [
      anOperator({ displayName: 'Alice', load: 1, idleSince: T0 }),
      anOperator({ displayName: 'Bob', load: 0, idleSince: T0 + 9_000 }),
      anOperator({ displayName: 'Carol', load: 0, idleSince: T0 + 2_000 }),
      anOperator({ displayName: 'Dan', load: 0, idleSince: T0 + 2_000 }),
    ];

    // Act
    const picks = [operators, [...operators].reverse(), [operators[2]!, operators[0]!, operators[3]!, operators[1]!]].map(
      (order) => pickOperator(order)?.displayName,
    );

    // Assert
    expect(picks).toEqual(['Carol', 'Carol', 'Carol']);
  });

  it('should not reorder the list it is given', () => {
    // Arrange
    const operators = [anOperator({ displayName: 'Bob', load: 1 }), anOperator({ displayName: 'Alice' })];

    // Act
    pickOperator(operators);

    // Assert
    expect(names(operators)).toEqual(['Bob', 'Alice']);
  });

  it('should return undefined when nobody is eligible', () => {
    // Act
    const picked = pickOperator([]);

    // Assert
    expect(picked).toBeUndefined();
  });
});

describe('sortForDisplay', () => {
  it('should list operators by display name, regardless of load or idle time', () => {
    // Arrange
    const operators = [
      anOperator({ displayName: 'Dan', load: 0, idleSince: T0 - 1 }),
      anOperator({ displayName: 'Bob', load: 2 }),
      anOperator({ displayName: 'Carol', duty: 'off' }),
      anOperator({ displayName: 'Alice', load: 1, idleSince: T0 + 1 }),
    ];

    // Act
    const sorted = sortForDisplay(operators);

    // Assert
    expect(names(sorted)).toEqual(['Alice', 'Bob', 'Carol', 'Dan']);
  });

  it('should keep operators with the same name in a stable order by user id', () => {
    // Arrange
    const second = anOperator({ displayName: 'Alex', participant: { channel: 'slack', tenantId: 'T0001', userId: 'U0ALEX2' } });
    const first = anOperator({ displayName: 'Alex', participant: { channel: 'slack', tenantId: 'T0001', userId: 'U0ALEX1' } });

    // Act
    const sorted = sortForDisplay([second, first]);

    // Assert
    expect(sorted).toEqual([first, second]);
  });

  it('should not reorder the list it is given', () => {
    // Arrange
    const operators = [anOperator({ displayName: 'Bob' }), anOperator({ displayName: 'Alice' })];

    // Act
    sortForDisplay(operators);

    // Assert
    expect(names(operators)).toEqual(['Bob', 'Alice']);
  });
});
