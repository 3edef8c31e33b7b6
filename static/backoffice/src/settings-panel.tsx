import { useCallback, useId, useMemo, useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import type { SettingsView } from '../../../src/shared/resolver-contract';
import { call } from './api';
import { Section, useLoad } from './common';

/** Limits the resolver enforces too (src/domain/settings.ts); the fields only hint at them. */
const MAX_CAPACITY = 10;
const MAX_TIMEOUT_MINUTES = 24 * 60;
const FIRST_REQUEST_TYPE = '';

interface Draft {
  readonly enabled: boolean;
  readonly operatorCapacity: string;
  readonly handoffPhrases: readonly string[];
  readonly inactivityTimeoutMinutes: string;
  readonly queueTimeoutMinutes: string;
  /** '' is "the service desk's first request type". */
  readonly requestTypeId: string;
}

interface Option {
  readonly label: string;
  readonly value: string;
}

function draftOf(settings: SettingsView): Draft {
  return {
    enabled: settings.enabled,
    operatorCapacity: String(settings.operatorCapacity),
    handoffPhrases: settings.handoffPhrases,
    inactivityTimeoutMinutes: String(settings.inactivityTimeoutMinutes),
    queueTimeoutMinutes: String(settings.queueTimeoutMinutes),
    requestTypeId: settings.requestTypeId ?? FIRST_REQUEST_TYPE,
  };
}

/** Text to a number for the resolver to check; what is not a number is sent as NaN and refused there. */
function numberOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

function cleanPhrases(phrases: readonly string[]): string[] {
  return phrases.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** Only what differs from the saved settings, as `settings/update` wants it. */
function changeOf(saved: SettingsView, draft: Draft): Partial<SettingsView> {
  const change: { -readonly [K in keyof SettingsView]?: SettingsView[K] } = {};
  if (draft.enabled !== saved.enabled) change.enabled = draft.enabled;
  const capacity = numberOf(draft.operatorCapacity);
  if (capacity !== saved.operatorCapacity) change.operatorCapacity = capacity;
  const phrases = cleanPhrases(draft.handoffPhrases);
  if (phrases.join('\n') !== saved.handoffPhrases.join('\n')) change.handoffPhrases = phrases;
  const inactivity = numberOf(draft.inactivityTimeoutMinutes);
  if (inactivity !== saved.inactivityTimeoutMinutes) change.inactivityTimeoutMinutes = inactivity;
  const queue = numberOf(draft.queueTimeoutMinutes);
  if (queue !== saved.queueTimeoutMinutes) change.queueTimeoutMinutes = queue;
  if (draft.requestTypeId !== (saved.requestTypeId ?? FIRST_REQUEST_TYPE)) change.requestTypeId = draft.requestTypeId;
  return change;
}

export function SettingsPanel({ settings, canEdit, onSaved }: { readonly settings: SettingsView; readonly canEdit: boolean; readonly onSaved: (settings: SettingsView) => void }) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: 'saved' } | { kind: 'failed'; message: string } | undefined>();
  const change = useMemo(() => changeOf(settings, draft), [settings, draft]);
  const dirty = Object.keys(change).length > 0;
  const readOnly = !canEdit;

  const update = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setOutcome(undefined);
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!dirty || saving || readOnly) return;
    setSaving(true);
    setOutcome(undefined);
    void call('settings/update', { change }).then((result) => {
      setSaving(false);
      if (result.ok) {
        setDraft(draftOf(result.data.settings));
        setOutcome({ kind: 'saved' });
        onSaved(result.data.settings);
      } else {
        setOutcome({ kind: 'failed', message: result.error.message });
      }
    });
  };

  return (
    <form onSubmit={save} noValidate aria-describedby={readOnly ? `${id}-readonly` : undefined}>
      <Stack space="space.400">
        {readOnly ? (
          <div id={`${id}-readonly`}>
            <SectionMessage appearance="information" title="You can view these settings">
              <Text as="p">Only Jira admins or project admins can change Koji settings.</Text>
            </SectionMessage>
          </div>
        ) : null}

        <Section title="Live agent support" description="When it is on, users who ask for a person are handed from the bot to an operator on duty.">
          <Inline space="space.100" alignBlock="center">
            <Toggle id={`${id}-enabled`} isChecked={draft.enabled} isDisabled={readOnly} onChange={() => update({ enabled: !draft.enabled })} size="large" />
            <Label htmlFor={`${id}-enabled`}>Live agent support</Label>
            <Text color="color.text.subtle" size="small">
              {draft.enabled ? '(on)' : '(off)'}
            </Text>
          </Inline>
        </Section>

        <Section title="Operators">
          <NumberField
            id={`${id}-capacity`}
            label="Operator capacity"
            help={`How many conversations one operator handles at once (1 to ${MAX_CAPACITY}).`}
            value={draft.operatorCapacity}
            min={1}
            max={MAX_CAPACITY}
            readOnly={readOnly}
            onChange={(operatorCapacity) => update({ operatorCapacity })}
          />
        </Section>

        <Section title="Phrases that ask for a human" description="A user’s message containing one of these phrases asks for an operator.">
          <PhraseList phrases={draft.handoffPhrases} readOnly={readOnly} onChange={(handoffPhrases) => update({ handoffPhrases })} />
        </Section>

        <Section title="Timeouts">
          <Inline space="space.300" shouldWrap>
            <NumberField
              id={`${id}-inactivity`}
              label="Inactivity timeout (minutes)"
              help="A conversation with no message for this long is closed."
              value={draft.inactivityTimeoutMinutes}
              min={1}
              max={MAX_TIMEOUT_MINUTES}
              readOnly={readOnly}
              onChange={(inactivityTimeoutMinutes) => update({ inactivityTimeoutMinutes })}
            />
            <NumberField
              id={`${id}-queue`}
              label="Queue timeout (minutes)"
              help="A user waiting this long for an operator is offered a ticket."
              value={draft.queueTimeoutMinutes}
              min={1}
              max={MAX_TIMEOUT_MINUTES}
              readOnly={readOnly}
              onChange={(queueTimeoutMinutes) => update({ queueTimeoutMinutes })}
            />
          </Inline>
        </Section>

        <Section title="Tickets" description="Conversations become Jira Service Management requests of this type.">
          <RequestTypeField id={`${id}-request-type`} value={draft.requestTypeId} readOnly={readOnly} onChange={(requestTypeId) => update({ requestTypeId })} />
        </Section>

        {outcome?.kind === 'failed' ? (
          <SectionMessage appearance="error" title="The settings were not saved">
            <Text as="p">{outcome.message}</Text>
          </SectionMessage>
        ) : null}

        {readOnly ? null : (
          <Inline space="space.150" alignBlock="center">
            <Button type="submit" appearance="primary" isLoading={saving} isDisabled={!dirty}>
              Save
            </Button>
            <Button appearance="subtle" isDisabled={!dirty || saving} onClick={() => update(draftOf(settings))}>
              Discard changes
            </Button>
            <span role="status" className="koji-status-text">
              {outcome?.kind === 'saved' ? 'Settings saved.' : dirty ? 'You have unsaved changes.' : ''}
            </span>
          </Inline>
        )}
      </Stack>
    </form>
  );
}

function NumberField(props: {
  readonly id: string;
  readonly label: string;
  readonly help: string;
  readonly value: string;
  readonly min: number;
  readonly max: number;
  readonly readOnly: boolean;
  readonly onChange: (value: string) => void;
}) {
  const number = numberOf(props.value);
  const outOfRange = !Number.isInteger(number) || number < props.min || number > props.max;
  return (
    <Stack space="space.050">
      <Label htmlFor={props.id}>{props.label}</Label>
      <Box>
        <Textfield
          id={props.id}
          type="number"
          inputMode="numeric"
          min={props.min}
          max={props.max}
          step={1}
          width="small"
          value={props.value}
          isReadOnly={props.readOnly}
          isInvalid={outOfRange}
          aria-describedby={`${props.id}-help`}
          onChange={(e) => props.onChange(e.currentTarget.value)}
        />
      </Box>
      <div id={`${props.id}-help`}>
        {outOfRange && !props.readOnly ? (
          <ErrorMessage>{`Enter a whole number from ${props.min} to ${props.max}.`}</ErrorMessage>
        ) : (
          <HelperMessage>{props.help}</HelperMessage>
        )}
      </div>
    </Stack>
  );
}

function PhraseList({ phrases, readOnly, onChange }: { readonly phrases: readonly string[]; readonly readOnly: boolean; readonly onChange: (phrases: readonly string[]) => void }) {
  const id = useId();
  const [next, setNext] = useState('');
  const add = () => {
    const phrase = next.trim();
    if (!phrase) return;
    if (!phrases.some((p) => p.trim().toLowerCase() === phrase.toLowerCase())) onChange([...phrases, phrase]);
    setNext('');
  };

  if (readOnly) {
    return (
      <ul className="koji-phrase-tags" aria-label="Phrases that ask for a human">
        {phrases.map((phrase) => (
          <li key={phrase}>{phrase}</li>
        ))}
      </ul>
    );
  }

  return (
    <Stack space="space.100">
      <ul className="koji-phrase-list" aria-label="Phrases that ask for a human">
        {phrases.map((phrase, index) => (
          // Phrases may repeat while being edited, so the position is the key.
          <li key={index}>
            <Inline space="space.100" alignBlock="center">
              <Textfield
                aria-label={`Phrase ${index + 1}`}
                value={phrase}
                width="large"
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  onChange(phrases.map((p, i) => (i === index ? value : p)));
                }}
              />
              <Button appearance="subtle" aria-label={`Remove phrase “${phrase}”`} onClick={() => onChange(phrases.filter((_, i) => i !== index))}>
                Remove
              </Button>
            </Inline>
          </li>
        ))}
      </ul>
      <Stack space="space.050">
        <Label htmlFor={`${id}-new`}>Add a phrase</Label>
        <Inline space="space.100" alignBlock="center">
          <Textfield
            id={`${id}-new`}
            value={next}
            width="large"
            placeholder="e.g. speak to someone"
            onChange={(e) => setNext(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          <Button onClick={add} isDisabled={next.trim() === ''}>
            Add
          </Button>
        </Inline>
      </Stack>
    </Stack>
  );
}

function RequestTypeField({ id, value, readOnly, onChange }: { readonly id: string; readonly value: string; readonly readOnly: boolean; readonly onChange: (value: string) => void }) {
  const load = useCallback(() => call('request-types/list', {}), []);
  const [types, reload] = useLoad(load);
  const options = useMemo<Option[]>(() => {
    const first: Option = { label: 'First request type of the service desk', value: FIRST_REQUEST_TYPE };
    if (types.state !== 'ready') return value === FIRST_REQUEST_TYPE ? [first] : [first, { label: `Request type ${value}`, value }];
    const known = types.data.requestTypes.map((t) => ({ label: t.name, value: t.id }));
    const missing = value !== FIRST_REQUEST_TYPE && !known.some((o) => o.value === value) ? [{ label: `Request type ${value} (no longer in this project)`, value }] : [];
    return [first, ...known, ...missing];
  }, [types, value]);
  const selected = options.find((o) => o.value === value) ?? null;

  return (
    <Stack space="space.050">
      <Label htmlFor={id}>Request type for tickets</Label>
      <div className="koji-select-medium">
        <Select<Option>
          inputId={id}
          options={options}
          value={selected}
          isLoading={types.state === 'loading'}
          isDisabled={readOnly}
          isSearchable
          aria-describedby={`${id}-help`}
          onChange={(option) => {
            if (option) onChange(option.value);
          }}
        />
      </div>
      <div id={`${id}-help`}>
        {types.state === 'failed' ? (
          <ErrorMessage>
            {`The project’s request types could not be listed: ${types.message}`}{' '}
            <Button appearance="subtle" spacing="compact" onClick={reload}>
              Try again
            </Button>
          </ErrorMessage>
        ) : (
          <HelperMessage>“First request type” follows the service desk’s order, even if it changes.</HelperMessage>
        )}
      </div>
    </Stack>
  );
}
