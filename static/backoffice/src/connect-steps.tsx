/** What to do in Slack to make the app Koji talks to. */
export function SlackSteps() {
  return (
    <ol className="koji-steps">
      <li>
        In Slack, open <span className="koji-strong">api.slack.com/apps</span>, choose <span className="koji-strong">Create New App › From an app manifest</span>,
        pick the workspace and paste the manifest below.
      </li>
      <li>
        Open <span className="koji-strong">Install App</span> and install the app to the workspace.
      </li>
      <li>
        Copy the <span className="koji-strong">Bot User OAuth Token</span> (OAuth &amp; Permissions) and the <span className="koji-strong">Signing Secret</span> (Basic
        Information › App Credentials), paste them here and connect.
      </li>
    </ol>
  );
}

/** What to do in Azure and Teams to make the bot Koji talks to. */
export function TeamsSteps() {
  return (
    <ol className="koji-steps">
      <li>
        In the Azure portal, create an <span className="koji-strong">Azure Bot</span> with the type of app <span className="koji-strong">Single Tenant</span> and a new
        Microsoft App ID.
      </li>
      <li>
        In the bot, open <span className="koji-strong">Channels</span> and add the <span className="koji-strong">Microsoft Teams</span> channel.
      </li>
      <li>
        In the bot’s <span className="koji-strong">Configuration</span>, set the <span className="koji-strong">Messaging endpoint</span> to the URL below.
      </li>
      <li>
        From the Configuration, open the app registration (<span className="koji-strong">Manage Password</span>), create a client secret under{' '}
        <span className="koji-strong">Certificates &amp; secrets</span> and copy its value.
      </li>
      <li>Paste the Directory (tenant) ID, the Microsoft App ID and the client secret here and connect.</li>
      <li>
        Download the Teams app package from the tenant’s row above and upload it in Teams (<span className="koji-strong">Apps › Manage your apps › Upload an app</span>
        , or the Teams admin center).
      </li>
    </ol>
  );
}
