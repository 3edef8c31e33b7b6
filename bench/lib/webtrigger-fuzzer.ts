import { request, type OutgoingHttpHeaders } from 'node:http';
import { encodeButtonValue } from '../../src/adapters/slack/slack-event';
import { signSlackRequest } from '../../src/adapters/slack/slack-signature';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { SANDBOX_WORKSPACE, type SlackSandbox } from '../../packages/forge-local/src/slack';
import { TEAMS_SANDBOX, type TeamsSandbox } from '../../packages/forge-local/src/teams';

/**
 * A fuzzer for the two web triggers, through the real entry points on the
 * local platform: correctly signed (Slack) or correctly tokened (Teams)
 * requests whose bodies, headers and content types are mutated. Whatever the
 * mutation, the answer must be a 2xx or a 4xx, and the connection must not
 * drop. Deterministic: one seed gives the same requests in the same order.
 */

export type Trigger = 'slack' | 'teams';

export interface FuzzFailure {
  readonly trigger: Trigger;
  readonly iteration: number;
  readonly status: number | 'dropped';
  readonly mutations: readonly string[];
  readonly body: string;
}

export interface FuzzResult {
  readonly seed: number;
  readonly trigger: Trigger;
  readonly sent: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly serverErrors: number;
  readonly dropped: number;
  readonly failures: readonly FuzzFailure[];
  readonly ms: number;
}

/** mulberry32: small, fast and good enough to pick mutations; the same seed gives the same run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** Stand-in for a value that is spliced into the JSON text after stringifying (too deep to build as an object). */
const DEEP = '__FUZZ_DEEP_NESTING__';
const deepText = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** Odd values a field may be replaced with: wrong types, huge, control characters, unicode, numbers as strings. */
const ODD_VALUES: ReadonlyArray<readonly [string, (random: Random) => unknown]> = [
  ['null', () => null],
  ['number', (r) => Math.floor(r() * 1e12)],
  ['negative float', () => -1.5e308],
  ['boolean', () => true],
  ['empty string', () => ''],
  ['10 KB string', () => 'X'.repeat(10_240)],
  ['100 KB string', () => 'é'.repeat(100_000)],
  ['control characters', () => 'T0\u0000\u0001\u001b[31m\r\n\t'],
  ['unicode', () => '𝓚ø𝖏𝒾 ‮ 👩🏽‍💻 \uFEFF ﷽'],
  ['lone surrogate', () => '\uD800abc'],
  ['number as string', () => '1e400'],
  ['NaN-ish string', () => 'NaN'],
  ['path characters', () => '../../:#%2F?x=1&y'],
  ['array', () => ['a', 1, null]],
  ['empty object', () => ({})],
  ['object', () => ({ id: 'T0SANDBOX', nested: { id: 1 } })],
  ['deep nesting', () => DEEP],
  ['prototype keys', () => ({ __proto__: { polluted: true }, constructor: { prototype: { x: 1 } } })],
];

/** Every path to a field in a JSON tree (objects and arrays), to pick one to mutate. */
function paths(value: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  if (out.length > 400) return out;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push([...prefix, i]);
      paths(item, [...prefix, i], out);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.push([...prefix, key]);
      paths(item, [...prefix, key], out);
    }
  }
  return out;
}

function parentOf(root: unknown, path: ReadonlyArray<string | number>): Record<string | number, unknown> | undefined {
  let node = root as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  return typeof node === 'object' && node !== null ? node : undefined;
}

/** 1 to 3 field mutations on a copy of `template`; returns what was done, for the failure report. */
function mutateFields(random: Random, template: unknown): { value: unknown; done: string[] } {
  const value = JSON.parse(JSON.stringify(template)) as unknown;
  const done: string[] = [];
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) {
    const all = paths(value);
    if (all.length === 0) break;
    const path = pick(random, all);
    const parent = parentOf(value, path);
    const key = path[path.length - 1] as string | number;
    if (!parent) continue;
    const where = path.join('.');
    const roll = random();
    if (roll < 0.2) {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      done.push(`drop ${where}`);
    } else if (roll < 0.3 && typeof parent[key] === 'object' && parent[key] !== null && !Array.isArray(parent[key])) {
      parent[key] = [parent[key]];
      done.push(`array for object at ${where}`);
    } else if (roll < 0.4 && typeof parent[key] === 'string') {
      parent[key] = `${String(parent[key])}${pick(random, ['\u0000', '\n', '🙂', ' ', '%00', '"', '\\'])}`;
      done.push(`append odd character to ${where}`);
    } else {
      const [name, make] = pick(random, ODD_VALUES);
      parent[key] = make(random);
      done.push(`${name} at ${where}`);
    }
  }
  return { value, done };
}

interface Mutated {
  body: Buffer;
  contentType: string | undefined;
  mutations: string[];
  duplicateHeaders: boolean;
}

/**
 * A body from a template: usually mutated fields in a well-formed envelope,
 * sometimes a broken envelope (truncated, empty, deep, huge, not UTF-8, the
 * wrong content type, duplicate headers).
 */
function mutate(random: Random, template: unknown, encoding: 'json' | 'form'): Mutated {
  const { value, done } = mutateFields(random, template);
  let json = JSON.stringify(value).replace(`"${DEEP}"`, deepText(10_000));
  let contentType: string | undefined = encoding === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
  let text = encoding === 'form' ? `payload=${encodeURIComponent(json)}` : json;
  let duplicateHeaders = false;
  const roll = random();
  if (roll < 0.05) {
    text = text.slice(0, Math.floor(random() * text.length));
    done.push('truncated');
  } else if (roll < 0.08) {
    text = '';
    done.push('empty body');
  } else if (roll < 0.11) {
    json = deepText(10_000);
    text = encoding === 'form' ? `payload=${encodeURIComponent(json)}` : json;
    done.push('body of 10,000 nested arrays');
  } else if (roll < 0.13) {
    text = `${text}${' '.repeat(1024 * 1024)}`;
    done.push('1 MB body');
  } else if (roll < 0.16) {
    contentType = pick(random, [undefined, 'text/plain', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=latin1', 'application/x-www-form-urlencoded']);
    done.push(`content type ${String(contentType)}`);
  } else if (roll < 0.18) {
    text = encoding === 'form' ? json : `payload=${encodeURIComponent(json)}`;
    done.push('other encoding than the content type says');
  } else if (roll < 0.2) {
    duplicateHeaders = true;
    done.push('duplicate headers');
  } else if (roll < 0.22) {
    const bytes = Buffer.from(text, 'utf8');
    return { body: Buffer.concat([bytes.subarray(0, bytes.length >> 1), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), bytes.subarray(bytes.length >> 1)]), contentType, mutations: [...done, 'not UTF-8'], duplicateHeaders };
  }
  return { body: Buffer.from(text, 'utf8'), contentType, mutations: done, duplicateHeaders };
}

/** One POST with raw bytes and headers as given (duplicates included); 'dropped' when the connection ends without an answer. */
function post(url: string, body: Buffer, headers: OutgoingHttpHeaders): Promise<number | 'dropped'> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent: false, headers: { ...headers, 'content-length': body.length } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve('dropped'));
    });
    req.on('error', () => resolve('dropped'));
    req.end(body);
  });
}

/** Who the fuzzed requests come from: people the relay check afterwards does not involve. */
export const FUZZ_ACTORS = { slack: { user: 'UEVE', channel: 'DEVE' }, teams: 'wendy' } as const;

function slackTemplates(nowSeconds: number, n: number): Array<{ encoding: 'json' | 'form'; body: Record<string, unknown> }> {
  const ts = `${nowSeconds}.${String(n % 1_000_000).padStart(6, '0')}`;
  const envelope = (event: Record<string, unknown>) => ({
    token: SANDBOX_WORKSPACE.verificationToken,
    team_id: SANDBOX_WORKSPACE.teamId,
    api_app_id: SANDBOX_WORKSPACE.appId,
    event,
    type: 'event_callback',
    event_id: `Ev0FUZZ${n}`,
    event_time: nowSeconds,
    authorizations: [{ enterprise_id: null, team_id: SANDBOX_WORKSPACE.teamId, user_id: SANDBOX_WORKSPACE.botUserId, is_bot: true }],
  });
  const { user, channel } = FUZZ_ACTORS.slack;
  return [
    { encoding: 'json', body: envelope({ type: 'message', user, text: 'hello from the fuzzer', ts, event_ts: ts, channel, channel_type: 'im', team: SANDBOX_WORKSPACE.teamId }) },
    { encoding: 'json', body: envelope({ type: 'app_mention', user, text: `<@${SANDBOX_WORKSPACE.botUserId}> hello`, ts, event_ts: ts, channel: 'C0GENERAL' }) },
    { encoding: 'json', body: envelope({ type: 'app_home_opened', user, channel, tab: 'home', event_ts: ts }) },
    { encoding: 'json', body: envelope({ type: 'member_joined_channel', user, channel: 'C0GENERAL', channel_type: 'C', team: SANDBOX_WORKSPACE.teamId, event_ts: ts }) },
    { encoding: 'json', body: { type: 'url_verification', token: SANDBOX_WORKSPACE.verificationToken, challenge: `challenge-${n}` } },
    { encoding: 'json', body: { type: 'app_rate_limited', token: SANDBOX_WORKSPACE.verificationToken, team_id: SANDBOX_WORKSPACE.teamId, minute_rate_limited: nowSeconds, api_app_id: SANDBOX_WORKSPACE.appId } },
    {
      encoding: 'form',
      body: {
        type: 'block_actions',
        user: { id: user, username: 'eve', name: 'eve', team_id: SANDBOX_WORKSPACE.teamId },
        api_app_id: SANDBOX_WORKSPACE.appId,
        container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: false },
        team: { id: SANDBOX_WORKSPACE.teamId, domain: 'koji-sandbox' },
        enterprise: null,
        channel: { id: channel, name: 'directmessage' },
        message: { ts, text: 'card', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'card' } }] },
        // `leave` is harmless for someone who is not queued: the relay check afterwards sees the state it set up.
        actions: [{ type: 'button', action_id: 'koji:leave', block_id: 'b1', value: encodeButtonValue(undefined, undefined), action_ts: ts }],
      },
    },
  ];
}

export interface FuzzTargets {
  readonly platform: LocalPlatform;
  readonly slack: SlackSandbox;
  readonly teams: TeamsSandbox;
}

/** Sends `count` mutated, correctly signed Slack requests (events and block_actions) to the Slack web trigger. */
export async function fuzzSlack(targets: FuzzTargets, seed: number, count: number): Promise<FuzzResult> {
  const random = prng(seed);
  const url = targets.platform.webTriggerUrl('slack-events');
  const tally = new Tally(seed, 'slack');
  for (let i = 0; i < count; i++) {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const template = pick(random, slackTemplates(nowSeconds, i));
    const mutated = mutate(random, template.body, template.encoding);
    // Signed over exactly the bytes sent (as Slack signs), so the mutation, not the signature, is what is tested.
    const signature = signSlackRequest(mutated.body.toString('utf8'), nowSeconds, SANDBOX_WORKSPACE.signingSecret);
    const headers: OutgoingHttpHeaders = {
      ...(mutated.contentType ? { 'content-type': mutated.contentType } : {}),
      'x-slack-request-timestamp': mutated.duplicateHeaders ? [String(nowSeconds), '1'] : String(nowSeconds),
      'x-slack-signature': mutated.duplicateHeaders ? [signature, 'v0=00'] : signature,
    };
    tally.add(i, await post(url, mutated.body, headers), mutated);
    if (i % 50 === 49) await settle(targets);
  }
  await settle(targets);
  return tally.result();
}

/** Sends `count` mutated Teams activities, each with a valid Bot Framework token, to the Teams web trigger. */
export async function fuzzTeams(targets: FuzzTargets, seed: number, count: number): Promise<FuzzResult> {
  const random = prng(seed);
  const url = targets.platform.webTriggerUrl('teams-activities');
  const tally = new Tally(seed, 'teams');
  const actor = FUZZ_ACTORS.teams;
  // A token lives an hour: one per run keeps the run about the activities, not about RSA signing.
  const token = await targets.teams.tokenFor(targets.teams.activityFor(actor, 'x'));
  for (let i = 0; i < count; i++) {
    const templates = [
      targets.teams.activityFor(actor, 'hello from the fuzzer'),
      targets.teams.activityFor(actor, { kind: 'mention', text: 'hello' }),
      targets.teams.activityFor(actor, { kind: 'submit', value: { koji: 'leave', t: 'card' }, replyToId: '1700000000001' }),
      targets.teams.activityFor(actor, { kind: 'membersAdded' }),
      targets.teams.activityFor(actor, { kind: 'install' }),
    ];
    const mutated = mutate(random, pick(random, templates), 'json');
    const headers: OutgoingHttpHeaders = {
      ...(mutated.contentType ? { 'content-type': mutated.contentType } : {}),
      Authorization: mutated.duplicateHeaders ? [`Bearer ${token}`, 'Bearer x.y.z'] : `Bearer ${token}`,
    };
    tally.add(i, await post(url, mutated.body, headers), mutated);
    if (i % 50 === 49) await settle(targets);
  }
  await settle(targets);
  return tally.result();
}

async function settle(targets: FuzzTargets): Promise<void> {
  await targets.slack.whenIdle();
  await targets.teams.whenIdle();
  await targets.platform.queue.drained();
}

class Tally {
  private readonly started = Date.now();
  private readonly byStatus: Record<string, number> = {};
  private readonly failures: FuzzFailure[] = [];
  private sent = 0;
  private serverErrors = 0;
  private dropped = 0;

  constructor(
    private readonly seed: number,
    private readonly trigger: Trigger,
  ) {}

  add(iteration: number, status: number | 'dropped', mutated: Mutated): void {
    this.sent++;
    this.byStatus[String(status)] = (this.byStatus[String(status)] ?? 0) + 1;
    const failed = status === 'dropped' || status >= 500 || status < 200;
    if (status === 'dropped') this.dropped++;
    else if (status >= 500) this.serverErrors++;
    if (failed && this.failures.length < 20) {
      const text = mutated.body.toString('utf8');
      this.failures.push({ trigger: this.trigger, iteration, status, mutations: mutated.mutations, body: text.length > 600 ? `${text.slice(0, 600)}… (${text.length} characters)` : text });
    }
  }

  result(): FuzzResult {
    return {
      seed: this.seed,
      trigger: this.trigger,
      sent: this.sent,
      byStatus: { ...this.byStatus },
      serverErrors: this.serverErrors,
      dropped: this.dropped,
      failures: [...this.failures],
      ms: Date.now() - this.started,
    };
  }
}

/** One line per trigger: counts per status, 5xx, dropped, time; then the failures, with the seed to replay them. */
export function describeFuzzResult(result: FuzzResult): string {
  const statuses = Object.entries(result.byStatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
  const lines = [
    `${result.trigger}: ${result.sent} requests in ${(result.ms / 1000).toFixed(1)} s (seed ${result.seed}) | ${statuses} | 5xx: ${result.serverErrors} | dropped: ${result.dropped}`,
  ];
  for (const f of result.failures) lines.push(`  #${f.iteration} → ${f.status}: ${f.mutations.join('; ')}\n    ${f.body}`);
  return lines.join('\n');
}

/** The Teams sandbox tenant and app, for connecting it before a run. */
export const TEAMS_TENANT = { tenantId: TEAMS_SANDBOX.tenantId, name: 'Koji Sandbox (Teams)', appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword };

/** An admin step as the backoffice page reaches its resolver (the local Jira admin). */
async function admin(platform: LocalPlatform, functionKey: string, payload: unknown): Promise<void> {
  const response = await fetch(`${platform.url}/__forge/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-koji-local-account': 'local-admin' },
    body: JSON.stringify({ moduleKey: 'koji-backoffice', functionKey, payload }),
  });
  const { result } = (await response.json()) as { result: { ok: boolean; error?: { message: string } } };
  if (!result.ok) throw new Error(`${functionKey} failed: ${result.error?.message ?? 'no reason'}`);
}

/** Support on, the Slack sandbox workspace and the Teams sandbox tenant connected, one operator on each. */
export async function setUpDesk(targets: FuzzTargets): Promise<void> {
  const { platform, teams } = targets;
  await admin(platform, 'settings/update', { change: { enabled: true } });
  await admin(platform, 'tenants/connect', { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret });
  await admin(platform, 'roles/grant', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, userId: 'UALICE' });
  await admin(platform, 'tenants/connect', { channel: 'teams', ...TEAMS_TENANT });
  for (const person of ['tom', 'vic', FUZZ_ACTORS.teams]) await teams.install(person);
  await settle(targets);
  const tom = TEAMS_SANDBOX.people.find((p) => p.key === 'tom');
  await admin(platform, 'roles/grant', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, userId: tom?.id });
  await settle(targets);
}

/**
 * After the fuzzing, a real conversation on each trigger: an operator goes on
 * duty, a user asks for one, and a message goes each way. Returns what did
 * not happen (empty when the relay still works).
 */
export async function checkRelay(targets: FuzzTargets): Promise<string[]> {
  const { slack, teams } = targets;
  const problems: string[] = [];
  const slackSaid = (userId: string) => slack.conversation(userId).map((m) => m.text);
  const teamsSaid = (key: string) => teams.conversation(key).map((m) => m.text ?? '');

  await slack.sendAs('UALICE', '#on');
  await settle(targets);
  await slack.sendAs('UBOB', 'operator');
  await settle(targets);
  if (!slackSaid('UBOB').some((t) => t.includes('talking to Alice'))) problems.push(`Slack: Bob was not put through to Alice (Bob heard: ${JSON.stringify(slackSaid('UBOB').slice(-3))})`);
  await slack.sendAs('UBOB', 'relay check from Bob');
  await settle(targets);
  if (!slackSaid('UALICE').some((t) => t.includes('relay check from Bob'))) problems.push('Slack: Bob’s message did not reach Alice');
  await slack.sendAs('UALICE', 'relay check from Alice');
  await settle(targets);
  if (!slackSaid('UBOB').some((t) => t.includes('relay check from Alice'))) problems.push('Slack: Alice’s answer did not reach Bob');

  // Alice is still on duty and may be the one Vic gets: either operator counts, the relay is what is checked.
  await teams.sendAs('tom', '#on');
  await settle(targets);
  await teams.sendAs('vic', 'operator');
  await settle(targets);
  if (!teamsSaid('vic').some((t) => t.includes('talking to'))) problems.push(`Teams: Vic was not put through (Vic heard: ${JSON.stringify(teamsSaid('vic').slice(-3))})`);
  await teams.sendAs('vic', 'relay check from Vic');
  await settle(targets);
  const tomHeard = teamsSaid('tom').some((t) => t.includes('relay check from Vic'));
  const aliceHeard = slackSaid('UALICE').some((t) => t.includes('relay check from Vic'));
  if (!tomHeard && !aliceHeard) problems.push('Teams: Vic’s message reached no operator');
  if (tomHeard) await teams.sendAs('tom', 'relay check from Tom');
  else await slack.sendAs('UALICE', 'relay check from Tom');
  await settle(targets);
  if (!teamsSaid('vic').some((t) => t.includes('relay check from Tom'))) problems.push('Teams: the operator’s answer did not reach Vic');
  return problems;
}
