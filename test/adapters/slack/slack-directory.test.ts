import { listSlackPeople, lookUpSlackPerson, type TenantPerson } from '../../../src/adapters/slack/slack-directory';
import { TenantConnectionError } from '../../../src/adapters/slack/slack-connection';
import { SANDBOX_MEMBERS, SANDBOX_PEOPLE } from '../../../packages/forge-local/src/slack';
import { startSandbox, type SandboxHarness } from '../../local/slack/support/sandbox-harness';

/**
 * The app's reading of a workspace's directory (users.list, users.info)
 * through the real @slack/web-api client against the fake Slack Web API, whose
 * users.list returns, as Slack does, Slackbot, bots, apps and deactivated people
 * among the humans.
 */
let h: SandboxHarness;

beforeEach(async () => {
  h = await startSandbox();
});
afterEach(() => h.close());

async function everyPage(): Promise<{ people: TenantPerson[]; leftOut: TenantPerson[]; pages: number }> {
  const people: TenantPerson[] = [];
  const leftOut: TenantPerson[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listSlackPeople(h.client(), { cursor, limit: 3 });
    people.push(...page.people);
    leftOut.push(...page.leftOut);
    cursor = page.cursor;
    pages += 1;
  } while (cursor);
  return { people, leftOut, pages };
}

describe('the Slack directory for role setup', () => {
  it('should list the workspace’s people and leave out Slackbot, bots, apps and deactivated accounts', async () => {
    const { people, leftOut } = await listSlackPeople(h.client(), {});

    expect(people.map((p) => p.userId)).toEqual(SANDBOX_PEOPLE.map((p) => p.id));
    expect(people.every((p) => p.unfit === undefined)).toBe(true);
    expect(leftOut.map((p) => [p.userId, p.unfit])).toEqual([
      ['USLACKBOT', 'slackbot'],
      ['UFORMER', 'deactivated'],
      ['U0KOJIBOT', 'bot'],
      ['U0STANDUP', 'bot'],
    ]);
  });

  it('should show the display name, falling back to the full name, and the e-mail', async () => {
    const { people } = await listSlackPeople(h.client(), {});

    expect(people.find((p) => p.userId === 'UALICE')).toEqual({ userId: 'UALICE', displayName: 'Alice Operator', email: 'alice@sandbox.test' });
    expect(people.find((p) => p.userId === 'UDANA')).toEqual({ userId: 'UDANA', displayName: 'Dana User', email: 'dana@sandbox.test' });
    expect(people.find((p) => p.userId === 'ULOCALADMIN')).toEqual({ userId: 'ULOCALADMIN', displayName: 'Ada', realName: 'Ada Admin', email: 'admin@koji.local' });
  });

  it('should page with Slack’s cursor and find the same people, also when Slack answers fewer than asked', async () => {
    const whole = await listSlackPeople(h.client(), {});
    const paged = await everyPage();
    h.sandbox.capUsersListPages(1);
    const short = await everyPage();

    // Three members a page; one a page when Slack caps it.
    expect(paged.pages).toBe(Math.ceil(SANDBOX_MEMBERS.length / 3));
    expect(short.pages).toBe(SANDBOX_MEMBERS.length);
    for (const listing of [paged, short]) {
      expect(listing.people).toEqual(whole.people);
      expect(listing.leftOut).toEqual(whole.leftOut);
    }
  });

  it('should say who one member is, unfit ones included, and nothing for someone Slack does not know', async () => {
    await expect(lookUpSlackPerson(h.client(), 'UBOB')).resolves.toEqual({ userId: 'UBOB', displayName: 'Bob User', email: 'bob@sandbox.test' });
    await expect(lookUpSlackPerson(h.client(), 'USLACKBOT')).resolves.toMatchObject({ unfit: 'slackbot' });
    await expect(lookUpSlackPerson(h.client(), 'U0STANDUP')).resolves.toMatchObject({ unfit: 'bot' });
    h.sandbox.deactivate('UBOB');
    await expect(lookUpSlackPerson(h.client(), 'UBOB')).resolves.toMatchObject({ unfit: 'deactivated' });
    await expect(lookUpSlackPerson(h.client(), 'UNOBODY1')).resolves.toBeUndefined();
  });

  it('should turn Slack’s refusals into a reason the page can show', async () => {
    h.sandbox.failNext('users.list', 'missing_scope');

    const refused = listSlackPeople(h.client(), {});

    await expect(refused).rejects.toBeInstanceOf(TenantConnectionError);
    await expect(refused).rejects.toThrow('Slack did not list the workspace’s people (missing_scope).');
  });
});
