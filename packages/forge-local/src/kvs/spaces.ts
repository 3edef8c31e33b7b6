import { toEntitySchema } from './entity-definitions';
import type { EntityDefinition, EntitySchema } from './entity-definitions';
import { badRequest } from './errors';
import { entityNamespace, PLAIN_NAMESPACE } from './item-store';
import { KVS_LIMITS, quoteKey } from './limits';

/**
 * A space is one of the separate stores behind the API: plain keys, secrets, or one custom
 * entity. The same key in two spaces names two different items.
 */
export interface Space {
  readonly namespace: string;
  readonly maxValueBytes: number;
  /** Set for custom entities: the declared attributes and indexes. */
  readonly entity?: EntitySchema;
  /** The item, as error messages name it. */
  describe(key: string): string;
}

export const plainSpace: Space = {
  namespace: PLAIN_NAMESPACE,
  maxValueBytes: KVS_LIMITS.maxValueBytes,
  describe: (key) => `key ${quoteKey(key)}`,
};

/** The entities declared in manifest.yml, by name. */
export class EntityCatalog {
  private readonly spaces = new Map<string, Space>();

  constructor(definitions: readonly EntityDefinition[]) {
    for (const definition of definitions) {
      const schema = toEntitySchema(definition);
      if (this.spaces.has(schema.name)) {
        throw new Error(`entity '${schema.name}' is declared twice`);
      }
      this.spaces.set(schema.name, {
        namespace: entityNamespace(schema.name),
        maxValueBytes: KVS_LIMITS.maxValueBytes,
        entity: schema,
        describe: (key) => `key ${quoteKey(key)} of entity '${schema.name}'`,
      });
    }
  }

  get schemas(): EntitySchema[] {
    return [...this.spaces.values()].map((space) => space.entity!);
  }

  /** The space of a declared entity; an unknown name is the caller's error (400 INVALID_ENTITY). */
  entity(entityName: unknown): Space {
    if (typeof entityName !== 'string') {
      throw badRequest('INVALID_ENTITY', `entityName must be a string, got ${JSON.stringify(entityName)}`);
    }
    const space = this.spaces.get(entityName);
    if (!space) {
      const declared = [...this.spaces.keys()];
      throw badRequest(
        'INVALID_ENTITY',
        `unknown entity '${entityName}': declare it under app.storage.entities in manifest.yml ` +
          `(declared: ${declared.length > 0 ? declared.join(', ') : 'none'})`,
      );
    }
    return space;
  }

  /** Batch items and transaction operations: an entity when entityName is given, else a plain key. */
  entityOrPlain(entityName: unknown): Space {
    return entityName === undefined || entityName === null ? plainSpace : this.entity(entityName);
  }
}
