/** Where a file a Teams user shares in personal chat is kept (OneDrive for Business): downloaded without the bot's token. */
export function isTeamsFileHost(url: URL): boolean {
  return url.protocol === 'https:' && url.hostname.endsWith('.sharepoint.com') && url.username === '' && url.password === '';
}

/** A pasted picture's `contentUrl` is on the activity's service URL (the Bot Connector's): fetched with the bot's token. */
export function isOnServiceUrl(url: URL, serviceUrl: string): boolean {
  const base = URL.parse(serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`);
  return base !== null && url.origin === base.origin && url.pathname.startsWith(base.pathname) && url.username === '' && url.password === '';
}
