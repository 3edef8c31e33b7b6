import type { ReactNode } from 'react';
import { Label } from '@atlaskit/form';
import { Stack } from '@atlaskit/primitives';

/** A labelled form field of medium width; `id` is the input's. */
export function Field({ id, label, children }: { readonly id: string; readonly label: string; readonly children: ReactNode }) {
  return (
    <Stack space="space.050">
      <Label htmlFor={id}>{label}</Label>
      <div className="koji-field-medium">{children}</div>
    </Stack>
  );
}
