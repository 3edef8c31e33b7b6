import type { UpgradeSteps } from '../record-versions';

/**
 * The upgrade steps of every record type stored with a schema version (entities, and the long-lived plain-key
 * values: record-versions.ts), declared as data: release 1.x wrote
 * every record in its first shape (schema 1, or no `schema` attribute at all), so no step exists yet.
 *
 * The next shape of a record is one small module beside this file, `<record>-v2.ts`, exporting an
 * UpgradeStep (`to: 2`, a `why`, and a pure `upgrade` from the v1 data to the v2 data), and one line here
 * (`conversation: [conversationV2]`). Reads upgrade a stored record on the fly (no extra KVS read), writes
 * store the current shape, and the record migration job (record-migration.ts) rewrites the rest, a page
 * at a time (docs/architecture.md, "Record versions").
 */
export const RECORD_UPGRADES: UpgradeSteps = {
  operator: [],
  conversation: [],
  rating: [],
  satisfaction: [],
  deflection: [],
  figures: [],
  message: [],
  history: [],
  'history-person': [],
  audit: [],
  settings: [],
  'slack-workspace': [],
  'slack-workspace-summary': [],
  'teams-tenant': [],
  'teams-tenant-summary': [],
};
