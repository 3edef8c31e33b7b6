import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLoopbackPeer } from './loopback';
import type { FaultPlan} from './faults';
import { FAULT_TARGETS, FaultRequestError, type Fault, type FaultTarget, type QueuedFault } from './faults';
import type { LocalQueue, QueueOrder, QueueSwitches } from './local-queue';
import { readRequestBody } from './request-body';

export const FAULTS_PATH = '/local/faults';

const MAX_BODY_BYTES = 64 * 1024;
const QUEUE_ORDERS: readonly QueueOrder[] = ['pushed', 'newest-first', 'shuffled'];

/** What is queued, as `GET /local/faults` answers. */
export interface FaultsListing {
  readonly faults: QueuedFault[];
  readonly queue: QueueSwitches;
}

/**
 * The platform's faults and queue switches in one place, for specs (`platform.faults`) and for
 * `/local/faults`. Refuses faults for a stand-in that is not running (a real Slack workspace,
 * Jira site or Teams bot is configured), where they would silently never fire.
 */
export class LocalFaults {
  constructor(
    readonly plan: FaultPlan,
    private readonly queue: LocalQueue,
    private readonly running: ReadonlySet<FaultTarget>,
  ) {}

  add(target: FaultTarget, method: string, fault: Fault, times = 1): void {
    if (FAULT_TARGETS.includes(target) && !this.running.has(target)) {
      throw new FaultRequestError(`The ${target} stand-in is not running (a real one is configured), so it cannot be told to fail.`);
    }
    this.plan.add(target, method, fault, times);
  }

  /** Sets the queue's switches from now on; what is left out stays as it was. */
  switchQueue(switches: QueueSwitches): QueueSwitches {
    this.queue.configure(switches);
    return this.queue.currentSwitches;
  }

  list(): FaultsListing {
    return { faults: this.plan.list(), queue: this.queue.currentSwitches };
  }

  /** Drops every queued fault and turns the queue's switches off. */
  clear(): void {
    this.plan.clear();
    this.queue.configure({ order: 'pushed', redeliver: false });
  }
}

/**
 * `POST /local/faults` queues a fault or sets queue switches, `GET` lists, `DELETE` clears.
 * Loopback callers only: the server listens on 127.0.0.1, but a fault endpoint must stay closed
 * even if someone binds it wider.
 */
export async function faultRoutes(faults: LocalFaults, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (url.pathname !== FAULTS_PATH) return false;
  if (!isLoopbackPeer(req.socket.remoteAddress)) {
    send(res, 403, { error: 'The fault endpoint answers only callers on this machine (127.0.0.1 or ::1).' });
    return true;
  }
  if (req.method === 'GET') send(res, 200, faults.list());
  else if (req.method === 'DELETE') {
    faults.clear();
    send(res, 200, faults.list());
  } else if (req.method === 'POST') await post(faults, req, res);
  else {
    res.setHeader('allow', 'GET, POST, DELETE');
    send(res, 405, { error: `${req.method ?? '?'} is not served here; use GET, POST or DELETE.` });
  }
  return true;
}

async function post(faults: LocalFaults, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const raw = await readRequestBody(req, MAX_BODY_BYTES);
  if (raw === undefined) return send(res, 413, { error: 'The body is larger than a fault needs.' });
  let body: unknown;
  try {
    body = JSON.parse(raw) as unknown;
  } catch {
    return send(res, 400, { error: 'The body must be JSON: {"target", "method", "fault", "times"} or {"target": "queue", ...switches}.' });
  }
  try {
    const request = parseFaultRequest(body);
    if (request.kind === 'queue') return send(res, 200, { queue: faults.switchQueue(request.switches) });
    faults.add(request.target, request.method, request.fault, request.times);
    send(res, 201, faults.list());
  } catch (error) {
    if (!(error instanceof FaultRequestError)) throw error;
    send(res, 400, { error: error.message });
  }
}

export type FaultRequest =
  | { readonly kind: 'fault'; readonly target: FaultTarget; readonly method: string; readonly fault: Fault; readonly times: number }
  | { readonly kind: 'queue'; readonly switches: QueueSwitches };

/** The endpoint's body, checked field by field; a FaultRequestError says what is wrong. */
export function parseFaultRequest(body: unknown): FaultRequest {
  if (!isRecord(body)) throw new FaultRequestError('The body must be a JSON object.');
  const { target } = body;
  if (target === 'queue') return { kind: 'queue', switches: parseSwitches(body) };
  if (typeof target !== 'string' || !FAULT_TARGETS.includes(target as FaultTarget)) {
    throw new FaultRequestError(`target must be one of ${[...FAULT_TARGETS, 'queue'].join(', ')}; got ${JSON.stringify(target)}.`);
  }
  if (typeof body['method'] !== 'string' || body['method'].trim() === '') throw new FaultRequestError('method must be a non-empty string, e.g. "chat.postMessage".');
  const times = body['times'] ?? 1;
  if (typeof times !== 'number') throw new FaultRequestError('times must be a number.');
  return { kind: 'fault', target: target as FaultTarget, method: body['method'], fault: parseFault(body['fault']), times };
}

function parseFault(fault: unknown): Fault {
  if (!isRecord(fault)) throw new FaultRequestError('fault must be an object: {status}, {stallMs}, {reset: true} or {misbehaviour}.');
  const keys = Object.keys(fault);
  const allowed = (names: string[]) => {
    const extra = keys.filter((k) => !names.includes(k));
    if (extra.length > 0) throw new FaultRequestError(`fault has fields that do not go together: ${keys.join(', ')}.`);
  };
  if ('status' in fault) {
    allowed(['status', 'retryAfterSeconds']);
    if (typeof fault['status'] !== 'number') throw new FaultRequestError('fault.status must be a number.');
    const retry = fault['retryAfterSeconds'];
    if (retry !== undefined && typeof retry !== 'number') throw new FaultRequestError('fault.retryAfterSeconds must be a number.');
    return { status: fault['status'], ...(retry !== undefined ? { retryAfterSeconds: retry } : {}) };
  }
  if ('stallMs' in fault) {
    allowed(['stallMs']);
    if (typeof fault['stallMs'] !== 'number') throw new FaultRequestError('fault.stallMs must be a number.');
    return { stallMs: fault['stallMs'] };
  }
  if ('reset' in fault) {
    allowed(['reset', 'afterEffect']);
    if (fault['reset'] !== true) throw new FaultRequestError('fault.reset must be true.');
    const after = fault['afterEffect'];
    if (after !== undefined && typeof after !== 'boolean') throw new FaultRequestError('fault.afterEffect must be true or false.');
    return { reset: true, ...(after !== undefined ? { afterEffect: after } : {}) };
  }
  if ('misbehaviour' in fault) {
    allowed(['misbehaviour']);
    const m = fault['misbehaviour'];
    if (m !== 'garbage' && m !== 'hang') throw new FaultRequestError('fault.misbehaviour must be "garbage" or "hang".');
    return { misbehaviour: m };
  }
  throw new FaultRequestError('fault must have status, stallMs, reset or misbehaviour.');
}

/**
 * `{"target": "queue", "reorder": true | false | "newest-first" | "shuffled" | "pushed", "seed": 7,
 * "redeliver": true}`: `reorder: true` means newest first, or shuffled when a seed is given.
 */
function parseSwitches(body: Record<string, unknown>): QueueSwitches {
  const extra = Object.keys(body).filter((k) => !['target', 'reorder', 'seed', 'redeliver'].includes(k));
  if (extra.length > 0) throw new FaultRequestError(`The queue takes reorder, seed and redeliver, not ${extra.join(', ')}.`);
  const { reorder, seed, redeliver } = body;
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed))) throw new FaultRequestError('seed must be a whole number.');
  if (redeliver !== undefined && typeof redeliver !== 'boolean') throw new FaultRequestError('redeliver must be true or false.');
  let order: QueueOrder | undefined;
  if (reorder === true) order = seed !== undefined ? 'shuffled' : 'newest-first';
  else if (reorder === false) order = 'pushed';
  else if (typeof reorder === 'string' && QUEUE_ORDERS.includes(reorder as QueueOrder)) order = reorder as QueueOrder;
  else if (reorder !== undefined) throw new FaultRequestError(`reorder must be true, false or one of ${QUEUE_ORDERS.join(', ')}.`);
  if (order === undefined && seed === undefined && redeliver === undefined) throw new FaultRequestError('Say what to switch: reorder, seed or redeliver.');
  return { ...(order !== undefined ? { order } : {}), ...(seed !== undefined ? { seed } : {}), ...(redeliver !== undefined ? { redeliver } : {}) };
}


function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
