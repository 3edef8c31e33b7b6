import { FileTooBigError } from '../../domain/errors';

/**
 * The body of a file, cut off with FileTooBigError once more than `maxBytes` went through: a platform that did not
 * say the size first (or said less) cannot make the function read more than the project allows.
 */
export function limitedBody(body: ReadableStream<Uint8Array>, maxBytes: number, name: string): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) controller.error(new FileTooBigError(`The file ${name} is larger than allowed.`));
        else controller.enqueue(chunk);
      },
    }),
  );
}

/** Reads a whole (limited) body, for a destination that must have it in one piece (a Teams picture, a Jira upload). */
export async function readAll(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    chunks.push(chunk);
    total += chunk.byteLength;
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return all;
}
