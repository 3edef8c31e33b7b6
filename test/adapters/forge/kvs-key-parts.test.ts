import { escapeKeyPart, storageKeys } from '../../../src/adapters/forge/kvs-keys';

/** Forge keys allow only [A-Za-z0-9:._\s-#]; every other byte of an id becomes `.xx`, so two ids never share a key. */
describe('KVS key parts', () => {
  it('should keep letters, digits, _ and - as they are', () => {
    expect(escapeKeyPart('T0SANDBOX_u-1')).toBe('T0SANDBOX_u-1');
  });

  it('should write every other ASCII character as a dot and its byte in hex, a dot included', () => {
    expect(escapeKeyPart('slack/T1/U2')).toBe('slack.2fT1.2fU2');
    expect(escapeKeyPart('a.b c:d')).toBe('a.2eb.20c.3ad');
  });

  it('should write each UTF-8 byte of a non-ASCII character', () => {
    expect(escapeKeyPart('é/ü')).toBe('.c3.a9.2f.c3.bc');
  });

  it('should keep ids that differ only by escaping apart', () => {
    expect(escapeKeyPart('a/b')).not.toBe(escapeKeyPart('a.2fb'));
    expect(storageKeys.conversation({ channel: 'slack', tenantId: 'T1', userId: 'U2' })).toBe('session:v1:slack.2fT1.2fU2');
  });
});
