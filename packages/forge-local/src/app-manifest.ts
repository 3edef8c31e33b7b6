import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';

/** The parts of manifest.yml the local platform runs: functions and the modules that call them. */
export interface AppManifest {
  readonly functions: ReadonlyMap<string, string>;
  readonly webTriggers: ReadonlyArray<{ readonly key: string; readonly functionKey: string }>;
  readonly consumers: ReadonlyArray<{ readonly key: string; readonly queue: string; readonly functionKey: string }>;
  readonly scheduledTriggers: ReadonlyArray<{ readonly key: string; readonly functionKey: string; readonly interval: string }>;
  /** `trigger` modules: the product events each is invoked for, and whether events the app caused are left out (`filter.ignoreSelf`). */
  readonly productTriggers: ReadonlyArray<{ readonly key: string; readonly functionKey: string; readonly events: readonly string[]; readonly ignoreSelf: boolean }>;
  readonly pages: ReadonlyArray<{
    readonly moduleType: string;
    readonly key: string;
    readonly title: string;
    readonly resourcePath: string;
    readonly resolverFunctionKey?: string | undefined;
    /** `displayConditions.entityPropertyExists` on an issue: Jira shows the module only on issues with this property. */
    readonly issuePropertyRequired?: string | undefined;
  }>;
  /** `permissions.scopes`: what Forge lets the app's product calls do. */
  readonly scopes: ReadonlySet<string>;
  /** `permissions.external.fetch.backend` addresses: the hosts Forge lets the app's functions fetch. */
  readonly egress: readonly string[];
}

interface RawModule {
  key: string;
  function?: string;
  queue?: string;
  interval?: string;
  title?: string;
  resource?: string;
  resolver?: { function?: string };
  handler?: string;
  displayConditions?: { entityPropertyExists?: { entity?: string; propertyKey?: string } };
  events?: unknown[];
  filter?: { ignoreSelf?: unknown };
}

/** An egress entry: the plain string form (deprecated) or `{ address }`; `{ remote }` entries name no host. */
type RawEgress = string | { address?: string; remote?: string };

interface RawManifest {
  modules?: Record<string, RawModule[]>;
  resources?: Array<{ key: string; path: string }>;
  permissions?: { scopes?: unknown[]; external?: { fetch?: { backend?: RawEgress[] } } };
}

const PAGE_MODULES = ['jira:projectSettingsPage', 'jira:adminPage', 'jira:issuePanel'];

export function loadAppManifest(file: string): AppManifest {
  const raw = load(readFileSync(file, 'utf8')) as RawManifest;
  const modules = raw.modules ?? {};
  const root = path.dirname(file);
  const resources = new Map((raw.resources ?? []).map((r) => [r.key, path.resolve(root, r.path)]));
  return {
    functions: new Map((modules['function'] ?? []).map((f) => [f.key, String(f.handler)])),
    webTriggers: (modules['webtrigger'] ?? []).map((w) => ({ key: w.key, functionKey: String(w.function) })),
    consumers: (modules['consumer'] ?? []).map((c) => ({ key: c.key, queue: String(c.queue), functionKey: String(c.function) })),
    scheduledTriggers: (modules['scheduledTrigger'] ?? []).map((s) => ({
      key: s.key,
      functionKey: String(s.function),
      interval: String(s.interval),
    })),
    productTriggers: (modules['trigger'] ?? []).map((t) => ({
      key: t.key,
      functionKey: String(t.function),
      events: (t.events ?? []).filter((e): e is string => typeof e === 'string'),
      ignoreSelf: t.filter?.ignoreSelf === true,
    })),
    pages: PAGE_MODULES.flatMap((moduleType) =>
      (modules[moduleType] ?? []).map((m) => ({
        moduleType,
        key: m.key,
        title: m.title ?? m.key,
        resourcePath: resources.get(String(m.resource)) ?? '',
        resolverFunctionKey: m.resolver?.function,
        issuePropertyRequired: issuePropertyRequired(m),
      })),
    ),
    scopes: new Set((raw.permissions?.scopes ?? []).filter((s): s is string => typeof s === 'string')),
    egress: (raw.permissions?.external?.fetch?.backend ?? []).flatMap((e) => (typeof e === 'string' ? [e] : e.address ? [e.address] : [])),
  };
}

function issuePropertyRequired(m: RawModule): string | undefined {
  const condition = m.displayConditions?.entityPropertyExists;
  return condition?.entity === 'issue' && typeof condition.propertyKey === 'string' ? condition.propertyKey : undefined;
}

/** Forge's scheduled trigger intervals in milliseconds. */
export const INTERVAL_MS: Record<string, number> = {
  fiveMinute: 5 * 60_000,
  hour: 60 * 60_000,
  day: 24 * 60 * 60_000,
  week: 7 * 24 * 60 * 60_000,
};
