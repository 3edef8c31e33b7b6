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
 * The script the local server puts in front of a Custom UI page. In Jira the
 * host page provides `window.__bridge`; here it sends `invoke` to the local
 * server and answers `getContext` with the module (and, but on the admin page, the project) the page is open in.
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
  window.__bridge = {
    callBridge: async (name, payload) => {
      if (name === 'invoke') return invoke(payload);
      if (name === 'getContext') return context;
      return undefined;
    },
  };
})();`;
}
