export { LocalKvs } from './local-kvs';
export type { KvsOperation, KvsResponse, LocalKvsOptions } from './local-kvs';
export { kvsRemote } from './kvs-remote';
export { loadEntityDefinitions } from './entity-definitions';
export type { AttributeType, EntityDefinition } from './entity-definitions';
export { KVS_LIMITS } from './limits';
