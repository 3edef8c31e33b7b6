import type { SlackSandbox } from '../../packages/forge-local/src/slack';
import type { TeamsSandbox } from '../../packages/forge-local/src/teams';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { slackInlines, teamsCardRuns } from '../support/chat-surfaces';
import { deskChat, openTwoChannelDesk } from './support/two-channel-desk';
import { kvs } from '@forge/kvs';
import { KvsDeflectionCounters } from '../../src/adapters/forge/kvs-deflection-counters';
import { dayIn } from '../../src/app/deflection/deflection-counters';
import { LOCAL_PROJECT } from '../../packages/forge-local/src/jira/jsm-stand-in';

/**
 * A user asks Koji a question through the real Slack and Teams web triggers: the local JSM stand-in's knowledge
 * base answers with its articles, whose links open the local article page; "This solved it" thanks them, and
 * "Talk to an operator" under the answer asks for a person.
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let teams: TeamsSandbox;

const { say, slackWords, teamsWords } = deskChat(() => ({ platform, slack, teams }));

beforeEach(async () => {
  ({ platform, slack, teams } = await openTwoChannelDesk({}, ['tom', 'vic']));
});

afterEach(() => platform.close());

/** Today's deflection counts of the local project, as the app stored them in the platform's KVS (its time zone: UTC). */
const today = () => new KvsDeflectionCounters(kvs).countsOn(LOCAL_PROJECT.id, dayIn('UTC', Date.now()));

const lastSlackCard = (userId: string) => slack.conversation(userId).filter((m) => JSON.stringify(m.blocks ?? []).includes('koji:kb-solved')).at(-1)!;
const lastTeamsCard = (person: string) => teams.conversation(person).filter((m) => JSON.stringify(m.attachments ?? []).includes('kb-solved')).at(-1)!;

describe('knowledge-base answers, end to end', () => {
  it('should answer a Slack user with the VPN article, whose link opens its page, and thank them for This solved it', async () => {
    await say('slack', 'UBOB', 'vpn wont connect');

    const card = lastSlackCard('UBOB');
    const links = slackInlines(card.blocks).filter((i) => i.type === 'link');
    expect(links[0]?.text).toBe('Fix a VPN that won’t connect');
    expect(slackWords('UBOB').at(-1)).toContain('Quit the GlobalProtect client completely');
    const page = await fetch(String(links[0]?.['url']));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Fix a VPN that won’t connect');

    expect((await slack.click('UBOB', card.ts, 'koji:kb-solved:0')).status).toBe(200);
    await say('slack', 'UBOB', 'ok');
    expect(slackWords('UBOB')).toContain('Great, glad that solved it! Ask me here any time.');
    // Counted on Forge KVS for the supervisor: one answer, solved ("ok" afterwards is a question the base can't answer).
    expect(await today()).toMatchObject({ answered: 1, solved: 1, escalated: 0 });
  });

  it('should answer a Teams user with the VPN article card, and connect them when they ask for an operator under it', async () => {
    await say('slack', 'UALICE', '#on');
    await say('teams', 'vic', 'Hi! my VPN wont connect');

    const card = lastTeamsCard('vic');
    const runs = teamsCardRuns(card as unknown as Record<string, unknown>);
    expect(runs.find((r) => r['selectAction'])?.text).toBe('Fix a VPN that won’t connect');
    expect((await teams.clickSubmit('vic', card.id, 'Talk to an operator')).status).toBe(200);
    await say('teams', 'vic', 'still broken');
    expect(teamsWords('vic').join('\n')).toContain('You’re now talking to');
    expect(await today()).toMatchObject({ answered: 1, escalated: 1 });
  });

  it('should say it found nothing, with the operator button, for a question the knowledge base has no article for', async () => {
    await say('slack', 'UBOB', 'quokka xylophone');
    expect(slackWords('UBOB').at(-1)).toBe('I couldn’t find an article about that. To talk to a person, type “operator”.');
    expect(await today()).toEqual({ answered: 0, solved: 0, escalated: 0, 'no-match': 1 });
  });

  it('should answer “couldn’t find” within Slack’s time when the knowledge base is slower than 2 seconds, and count no match', async () => {
    platform.faults.add('jira', 'GET /rest/servicedeskapi/knowledgebase/article', { stallMs: 8_000 });

    const started = Date.now();
    await say('slack', 'UBOB', 'vpn wont connect');

    // The knowledge base stalled 8 s; the answer went after the 2 s timeout, not after the stall.
    expect(slackWords('UBOB').at(-1)).toBe('I couldn’t find an article about that. To talk to a person, type “operator”.');
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(await today()).toEqual({ answered: 0, solved: 0, escalated: 0, 'no-match': 1 });
  });
});
