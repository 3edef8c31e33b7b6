import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@atlaskit/css-reset';
import { view } from '@forge/bridge';
import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';
import { App, type PageContext } from './app';
import './styles.css';

type ColorMode = 'light' | 'dark' | 'auto';

/** Jira's colour mode for the page (`theme.colorMode` of the Forge context), light when it does not say. */
function colorModeOf(context: unknown): ColorMode {
  const mode = (context as { theme?: { colorMode?: unknown } | null } | undefined)?.theme?.colorMode;
  return mode === 'dark' || mode === 'auto' || mode === 'light' ? mode : 'light';
}

function projectKeyOf(context: unknown): string | undefined {
  const key = (context as { extension?: { project?: { key?: unknown } } } | undefined)?.extension?.project?.key;
  return typeof key === 'string' ? key : undefined;
}

/** Jira's admin page (also the app's configuration page): the one module whose context has no project. */
function onAdminPage(context: unknown): boolean {
  return (context as { extension?: { type?: unknown } } | undefined)?.extension?.type === 'jira:adminPage';
}

async function start(): Promise<void> {
  const context: unknown = await view.getContext().catch(() => undefined);
  // The theme goes first, so that the page never shows in the wrong colours.
  await setGlobalTheme({ colorMode: colorModeOf(context) }).catch((error: unknown) => console.warn('Koji: the theme could not be loaded', error));
  const page: PageContext = { projectKey: projectKeyOf(context), onAdminPage: onAdminPage(context) };
  const root = document.getElementById('root');
  if (!root) throw new Error('The page has no #root element.');
  createRoot(root).render(
    <StrictMode>
      <App context={page} />
    </StrictMode>,
  );
}

void start();
