/**
 * The `extension` part of the Forge context, as Jira gives it for each page module: pages in a
 * project (project settings, the issue panel) carry the project; Jira's admin page
 * (`jira:adminPage`, also the app's configuration page) carries none, so the local platform
 * gives it none either: the app has to cope with that the way it must on a real site.
 */
export function extensionContext(options: { moduleType: string; project: { id: string; key: string }; issueKey?: string | undefined }): Record<string, unknown> {
  return {
    type: options.moduleType,
    ...(options.moduleType === 'jira:adminPage' ? {} : { project: { id: options.project.id, key: options.project.key, type: 'service_desk' } }),
    ...(options.issueKey ? { issue: { key: options.issueKey } } : {}),
  };
}

/**
 * Jira's flag group, as the host draws it for `showFlag`: over the page, bottom left, newest on top,
 * a Dismiss button on each, success flags gone after 8 s when `isAutoDismiss`. Here the "host" is
 * the page's own document. The title and description are set as text, never as markup.
 */
const FLAG_GROUP = `const flagGroup = () => {
    let group = document.getElementById('__forge-flags');
    if (!group) {
      group = document.createElement('section');
      group.id = '__forge-flags';
      group.setAttribute('aria-label', 'Flags');
      group.style.cssText = 'position:fixed;left:24px;bottom:24px;z-index:600;display:flex;flex-direction:column;gap:8px;width:400px;max-width:calc(100vw - 48px);font-family:inherit';
      document.body.appendChild(group);
    }
    return group;
  };
  const closeFlag = ({ id }) => {
    const shown = [...flagGroup().children].find((f) => f.dataset.flagId === String(id));
    if (shown) shown.remove();
    return Boolean(shown);
  };
  const FLAG_COLOURS = { success: 'var(--ds-icon-success, #22A06B)', error: 'var(--ds-icon-danger, #C9372C)', warning: 'var(--ds-icon-warning, #E56910)', info: 'var(--ds-icon-information, #1D7AFC)' };
  const showFlag = (options) => {
    closeFlag(options);
    const flag = document.createElement('div');
    flag.setAttribute('role', 'alert');
    flag.dataset.flagId = String(options.id);
    flag.dataset.type = options.type || 'info';
    flag.style.cssText = 'position:relative;padding:16px 40px 16px 20px;border-radius:4px;border-left:4px solid ' + (FLAG_COLOURS[options.type] || FLAG_COLOURS.info) + ';background:var(--ds-surface-overlay, #FFFFFF);color:var(--ds-text, #172B4D);box-shadow:var(--ds-shadow-overlay, 0 8px 12px #091E4226, 0 0 1px #091E424F)';
    const title = document.createElement('strong');
    title.textContent = options.title || '';
    title.style.cssText = 'display:block;font-weight:600';
    flag.appendChild(title);
    if (options.description) {
      const description = document.createElement('div');
      description.textContent = options.description;
      description.style.cssText = 'margin-top:4px';
      flag.appendChild(description);
    }
    const dismiss = document.createElement('button');
    dismiss.type = 'button';
    dismiss.setAttribute('aria-label', 'Dismiss');
    dismiss.textContent = '\u00d7';
    dismiss.style.cssText = 'position:absolute;top:8px;right:8px;border:0;background:none;color:var(--ds-icon-subtle, #626F86);font-size:20px;line-height:1;cursor:pointer';
    dismiss.addEventListener('click', () => closeFlag(options));
    flag.appendChild(dismiss);
    flagGroup().prepend(flag);
    if (options.isAutoDismiss) setTimeout(() => closeFlag(options), 8000);
    return undefined;
  };`;

/**
 * The script the local server puts in front of a Custom UI page. In Jira the
 * host page provides `window.__bridge`; here it sends `invoke` to the local
 * server, draws `showFlag` as Jira's flag group would, and answers `getContext` with the module (and, but on the admin page, the project) the page is open in.
 */
export function bridgeScript(options: {
  moduleKey: string;
  moduleType: string;
  accountId: string;
  project: { id: string; key: string };
  issueKey?: string | undefined;
}): string {
  const context = {
    accountId: options.accountId,
    cloudId: 'local',
    localId: `local-${options.moduleKey}`,
    moduleKey: options.moduleKey,
    siteUrl: 'http://localhost',
    extension: extensionContext(options),
    theme: { colorMode: 'light' },
  };
  return `(() => {
  const context = ${JSON.stringify(context)};
  const invoke = async (payload) => {
    const response = await fetch('/__forge/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-koji-local-account': context.accountId },
      body: JSON.stringify({ moduleKey: context.moduleKey, functionKey: payload.functionKey, payload: payload.payload, issueKey: context.extension.issue && context.extension.issue.key }),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(body.message || 'The resolver failed');
    return body.result;
  };
  ${FLAG_GROUP}
  window.__bridge = {
    callBridge: async (name, payload) => {
      if (name === 'invoke') return invoke(payload);
      if (name === 'getContext') return context;
      if (name === 'showFlag') return showFlag(payload);
      if (name === 'closeFlag') return closeFlag(payload);
      return undefined;
    },
  };
})();`;
}
