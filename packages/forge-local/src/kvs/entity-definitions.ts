import { readFileSync } from 'node:fs';

import { load } from 'js-yaml';

/**
 * Custom entity definitions as manifest.yml declares them under `app.storage.entities`
 * (@forge/manifest@13.7.0 schema: attribute types string|integer|float|boolean|any; an index is
 * an attribute name or `{ name, partition?, range }`).
 */
export type AttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';

export interface EntityDefinition {
  name: string;
  attributes: Record<string, { type: AttributeType }>;
  indexes?: Array<string | { name: string; partition?: string[]; range: string[] }>;
}

/** An index after normalisation: `- load` becomes `{ name: 'load', partition: [], range: 'load' }`. */
export interface EntityIndex {
  name: string;
  partition: string[];
  range: string;
}

export interface EntitySchema {
  name: string;
  attributes: ReadonlyMap<string, AttributeType>;
  indexes: ReadonlyMap<string, EntityIndex>;
}

const ATTRIBUTE_TYPES: readonly AttributeType[] = ['string', 'integer', 'float', 'boolean', 'any'];

/** Reads `app.storage.entities` from a manifest.yml; an app without entities gets `[]`. */
export function loadEntityDefinitions(manifestPath: string): EntityDefinition[] {
  const manifest = load(readFileSync(manifestPath, 'utf8')) as { app?: { storage?: { entities?: unknown } } } | null;
  const entities = manifest?.app?.storage?.entities;
  if (entities === undefined || entities === null) {
    return [];
  }
  if (!Array.isArray(entities)) {
    throw new Error(`${manifestPath}: app.storage.entities must be a list`);
  }
  const definitions = entities as EntityDefinition[];
  // Fail at load time, with the file named, rather than at the first storage call.
  for (const definition of definitions) {
    try {
      toEntitySchema(definition);
    } catch (error) {
      throw new Error(`${manifestPath}: ${(error as Error).message}`, { cause: error });
    }
  }
  return definitions;
}

/**
 * Validates one definition and normalises its indexes. Beyond the manifest schema it requires
 * what the emulator relies on: index attributes are declared and not of type `any`, and each
 * index has exactly one range attribute (Forge's docs show one; the schema allows a list).
 */
export function toEntitySchema(definition: EntityDefinition): EntitySchema {
  const { name } = definition;
  if (typeof name !== 'string' || name.length < 3 || name.length > 60) {
    throw new Error(`entity name ${JSON.stringify(name)} must be a string of 3 to 60 characters`);
  }
  const attributes = new Map<string, AttributeType>();
  for (const [attribute, spec] of Object.entries(definition.attributes ?? {})) {
    const type = spec?.type;
    if (!ATTRIBUTE_TYPES.includes(type)) {
      throw new Error(`entity '${name}': attribute '${attribute}' has type ${JSON.stringify(type)}; use one of ${ATTRIBUTE_TYPES.join(', ')}`);
    }
    attributes.set(attribute, type);
  }
  const indexes = new Map<string, EntityIndex>();
  for (const raw of definition.indexes ?? []) {
    const index: EntityIndex =
      typeof raw === 'string'
        ? { name: raw, partition: [], range: raw }
        : { name: raw.name, partition: raw.partition ?? [], range: singleRange(name, raw.name, raw.range) };
    for (const attribute of [...index.partition, index.range]) {
      const type = attributes.get(attribute);
      if (type === undefined) {
        throw new Error(`entity '${name}': index '${index.name}' uses attribute '${attribute}', which is not declared`);
      }
      if (type === 'any') {
        throw new Error(`entity '${name}': index '${index.name}' uses attribute '${attribute}' of type any; index attributes need a scalar type`);
      }
    }
    if (indexes.has(index.name)) {
      throw new Error(`entity '${name}': index '${index.name}' is declared twice`);
    }
    indexes.set(index.name, index);
  }
  return { name, attributes, indexes };
}

function singleRange(entity: string, index: string, range: string[] | undefined): string {
  if (!Array.isArray(range) || range.length !== 1 || typeof range[0] !== 'string') {
    throw new Error(`entity '${entity}': index '${index}' must have exactly one range attribute, got ${JSON.stringify(range)}`);
  }
  return range[0];
}
