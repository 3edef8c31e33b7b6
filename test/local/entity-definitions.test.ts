import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';

import { LocalKvs, loadEntityDefinitions } from '../../packages/forge-local/src/kvs';
import type { EntityDefinition } from '../../packages/forge-local/src/kvs';
import { FIXTURE_MANIFEST } from './support/local-kvs-harness';

describe('loadEntityDefinitions and entity definition checks', () => {
  it('should read app.storage.entities from a manifest', () => {
    const definitions = loadEntityDefinitions(FIXTURE_MANIFEST);

    expect(definitions.map((definition) => definition.name)).toEqual(['ticket', 'counter']);
    expect(definitions[0]!.indexes).toEqual([
      'priority',
      { name: 'by-queue-status-priority', partition: ['queue', 'status'], range: ['priority'] },
      { name: 'by-queue-title', partition: ['queue'], range: ['title'] },
    ]);
  });

  it('should return no entities for a manifest without app.storage', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'manifest-'));
    try {
      const file = path.join(dir, 'manifest.yml');
      writeFileSync(file, 'app:\n  id: ari:cloud:ecosystem::app/x\n');
      expect(loadEntityDefinitions(file)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each<[string, EntityDefinition, string]>([
    [
      'an index on an undeclared attribute',
      { name: 'thing', attributes: { a: { type: 'string' } }, indexes: [{ name: 'by-b', partition: ['a'], range: ['b'] }] },
      "entity 'thing': index 'by-b' uses attribute 'b', which is not declared",
    ],
    [
      'an index on an attribute of type any',
      { name: 'thing', attributes: { a: { type: 'any' } }, indexes: ['a'] },
      "entity 'thing': index 'a' uses attribute 'a' of type any",
    ],
    [
      'two range attributes',
      { name: 'thing', attributes: { a: { type: 'string' }, b: { type: 'string' } }, indexes: [{ name: 'ab', range: ['a', 'b'] }] },
      "entity 'thing': index 'ab' must have exactly one range attribute",
    ],
  ])('should refuse %s when the emulator starts', (_case, definition, message) => {
    const db = new Database(':memory:');
    try {
      expect(() => new LocalKvs(db, [definition], { now: () => 0 })).toThrow(message);
    } finally {
      db.close();
    }
  });
});
