import { QueuePushRefused, type LocalQueue } from './local-queue';

/**
 * Atlassian's platform API as the Forge SDKs call it: the GraphQL mutation
 * behind `webTrigger.getUrl` and the queue publish endpoint behind
 * `Queue.push`. Only those two are served.
 */
export function stargateRemote(options: {
  readonly webTriggerUrl: (moduleKey: string) => string | undefined;
  readonly queue: LocalQueue;
  readonly onQueuePush?: (events: number) => void;
}): (path: string, init: RequestInit) => Promise<Response> {
  return (path, init) => Promise.resolve(answer(path, init));

  function answer(path: string, init: RequestInit): Response {
    const body = JSON.parse(typeof init.body === 'string' ? init.body : '{}') as {
      query?: string;
      variables?: { input?: { triggerKey?: string } };
      queueName?: string;
      jobId?: string;
      payload?: Array<{ body: Record<string, unknown>; delayInSeconds?: number }>;
    };
    if (path === '/graphql') {
      const query = body.query ?? '';
      if (query.includes('createWebTriggerUrl')) {
        const input = body.variables?.input ?? {};
        const url = input.triggerKey ? options.webTriggerUrl(input.triggerKey) : undefined;
        return url
          ? Response.json({ data: { createWebTriggerUrl: { url } } })
          : Response.json({ errors: [{ message: `No web trigger module '${String(input.triggerKey)}' in manifest.yml` }] }, { status: 400 });
      }
      return Response.json({ errors: [{ message: 'The local platform serves only createWebTriggerUrl.' }] }, { status: 400 });
    }
    if (path.startsWith('/webhook/queue/publish/')) {
      const queueName = body.queueName ?? '';
      const jobId = body.jobId ?? '';
      const payload = body.payload ?? [];
      try {
        options.queue.publish(queueName, jobId, payload);
      } catch (error) {
        if (!(error instanceof QueuePushRefused)) throw error;
        // @forge/events reads a 413's `errorMessage` into a PayloadTooBigError; any other refusal becomes its
        // InternalServerError with our `message`.
        return error.status === 413
          ? Response.json({ errorMessage: error.message }, { status: 413 })
          : Response.json({ message: error.message, code: 'BAD_REQUEST' }, { status: 400 });
      }
      options.onQueuePush?.(payload.length);
      // @forge/events treats anything but 201 as a failed push.
      return new Response(null, { status: 201 });
    }
    return Response.json({ message: `The local platform does not serve ${path}` }, { status: 404 });
  }
}
