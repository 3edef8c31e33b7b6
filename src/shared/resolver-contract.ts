/**
 * What the backoffice page and its resolvers say to each other. Types only:
 * the page in static/ imports this file and nothing else from src/.
 */
export interface SettingsView {
  readonly enabled: boolean;
  readonly operatorCapacity: number;
  readonly handoffPhrases: readonly string[];
  readonly inactivityTimeoutMinutes: number;
  readonly queueTimeoutMinutes: number;
  readonly requestTypeId?: string | undefined;
}

export type ResolverResult<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

export interface ResolverContract {
  'settings/get': { request: Record<string, never>; response: { settings: SettingsView; canEdit: boolean } };
  'settings/update': { request: { change: Partial<SettingsView> }; response: { settings: SettingsView } };
  'webtriggers/list': { request: Record<string, never>; response: { slack: string; teams: string } };
}
