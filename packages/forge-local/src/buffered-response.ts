/**
 * A Response whose body is a string already in memory: what the local platform's
 * stand-ins answer through `__forge_fetch__`. Undici's `new Response(text)` and
 * `await text()` pipe that string through a web stream, which costs each KVS call
 * more CPU than the SQLite work behind it. The SDKs read these answers through
 * `ok`, `status`, `statusText`, `headers` and `text()` (Forge's runtime fetch is not
 * undici either); the rest of the Response interface still works: `json()`,
 * `arrayBuffer()`, `clone()`, a body that reads once, and `body` as a stream for
 * whoever asks for one.
 */
export class BufferedResponse extends Response {
  readonly #text: string;
  readonly #init: ResponseInit;
  #used = false;
  #stream: ReadableStream<Uint8Array> | null | undefined;
  #headers: Headers | undefined;

  constructor(text: string, init: ResponseInit) {
    // Headers are built when read: the SDKs read them only on a failure, and building them costs half the object.
    super(null, { status: init.status ?? 200, ...(init.statusText === undefined ? {} : { statusText: init.statusText }) });
    this.#text = text;
    this.#init = init;
  }

  static {
    // On the prototype, once: Response declares `body` and `bodyUsed` as readonly fields in its typings, so a
    // subclass cannot declare them as accessors, and defining them on every instance costs what this class saves.
    Object.defineProperties(BufferedResponse.prototype, {
      headers: {
        get(this: BufferedResponse): Headers {
          this.#headers ??= new Headers(this.#init.headers);
          return this.#headers;
        },
      },
      bodyUsed: {
        get(this: BufferedResponse): boolean {
          return this.#used;
        },
      },
      body: {
        get(this: BufferedResponse): ReadableStream<Uint8Array> | null {
          if (this.#stream === undefined) {
            this.#stream = new Response(this.#text).body;
            this.#used = true;
          }
          return this.#stream;
        },
      },
    });
  }

  // Fields, not methods: undici's typings declare these as function-valued properties.
  override readonly text = (): Promise<string> => {
    if (this.#used) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this.#used = true;
    return Promise.resolve(this.#text);
  };

  override readonly json = async (): Promise<unknown> => JSON.parse(await this.text()) as unknown;

  override readonly arrayBuffer = async (): Promise<ArrayBuffer> => {
    const bytes = Buffer.from(await this.text(), 'utf8');
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  };

  override readonly clone = (): Response => {
    if (this.#used) throw new TypeError('Response.clone: Body has already been consumed.');
    return new BufferedResponse(this.#text, this.#init);
  };
}
