/**
 * The script the local server puts in front of a Custom UI page. In Jira the
 * host page provides `window.__bridge`; here it sends `invoke` to the local
 * server and answers `getContext` with the module and project the page is open in.
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
    extension: {
      type: options.moduleType,
      project: { id: options.project.id, key: options.project.key, type: 'service_desk' },
      ...(options.issueKey ? { issue: { key: options.issueKey } } : {}),
    },
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
