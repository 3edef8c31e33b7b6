/** What a save changed, for its flag: the support switch first when it moved, then the other settings by name. */
export function savedWords(wasEnabled: boolean, enabled: boolean, changed: readonly string[]): string {
  const support = wasEnabled === enabled ? '' : `Live agent support is now ${enabled ? 'on' : 'off'}.`;
  const others = changed.length > 0 ? `Changed: ${changed.join(', ')}.` : '';
  return [support, others].filter((s) => s !== '').join(' ') || `Live agent support is ${enabled ? 'on' : 'off'}.`;
}
