import { useState } from 'react';
import type { SavedReplyView, SettingsView } from '../../../src/shared/resolver-contract';
import { call } from './api';
import { useChanged } from './changes';
import { useFlags } from './flags';

/**
 * Saving the list of saved replies: the whole list goes to `settings/update` (the resolver checks all of it),
 * and how that ended is flagged. Resolves true once saved.
 */
export function useSaveReplies(onSaved: (settings: SettingsView) => void) {
  const [saving, setSaving] = useState(false);
  const flags = useFlags();
  const changed = useChanged();
  const save = async (savedReplies: readonly SavedReplyView[], done: string): Promise<boolean> => {
    setSaving(true);
    const result = await call('settings/update', { change: { savedReplies: savedReplies.map((r) => ({ name: r.name.trim(), text: r.text.trim() })) } });
    setSaving(false);
    if (!result.ok) {
      flags.failed({ title: 'The saved replies were not saved', description: result.error.message });
      return false;
    }
    onSaved(result.data.settings);
    flags.succeeded({ title: done });
    changed();
    return true;
  };
  return { saving, save };
}
