import Heading from '@atlaskit/heading';
import { Box, Stack } from '@atlaskit/primitives';
import { Section } from './common';
import { PhraseList } from './phrase-list';
import { PHRASE_LANGUAGES, type Draft, type PhraseLanguageView } from './settings-form';

const LOCAL_HELP = 'Optional. Any phrase in any list reaches a person; users are told the first phrase of their own language (the main list’s first when theirs is empty).';

/** The French and German lists, as the admin reads them (the backoffice itself stays in English). */
const LOCAL_LISTS: Readonly<Record<PhraseLanguageView, { readonly title: string; readonly noun: string; readonly placeholder: string }>> = {
  fr: { title: 'French phrases', noun: 'French phrase', placeholder: 'e.g. parler à quelqu’un' },
  de: { title: 'German phrases', noun: 'German phrase', placeholder: 'e.g. mit jemandem sprechen' },
};

/** The phrases that ask for a human: the main list, and those in French and German (issue 19), each may be emptied. */
export function HandoffPhraseSettings({ draft, readOnly, update }: { readonly draft: Draft; readonly readOnly: boolean; readonly update: (patch: Partial<Draft>) => void }) {
  return (
    <Section title="Phrases that ask for a human" description="A user’s message containing one of these phrases asks for an operator.">
      <PhraseList phrases={draft.handoffPhrases} readOnly={readOnly} onChange={(handoffPhrases) => update({ handoffPhrases })} />
      {PHRASE_LANGUAGES.map((language) => {
        const { title, noun, placeholder } = LOCAL_LISTS[language];
        return (
          <Box key={language} paddingBlockStart="space.150">
            <Stack space="space.100">
              <Heading size="xsmall" as="h3">
                {title}
              </Heading>
              <PhraseList
                phrases={draft.localHandoffPhrases[language]}
                readOnly={readOnly}
                name={title}
                noun={noun}
                help={LOCAL_HELP}
                placeholder={placeholder}
                onChange={(phrases) => update({ localHandoffPhrases: { ...draft.localHandoffPhrases, [language]: phrases } })}
              />
            </Stack>
          </Box>
        );
      })}
    </Section>
  );
}
