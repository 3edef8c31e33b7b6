import { BufferedResponse } from '../../packages/forge-local/src/buffered-response';

describe('BufferedResponse: a stand-in answer with its body in memory', () => {
  const answer = () => new BufferedResponse('{"key":"k","value":1}', { status: 200, headers: { 'content-type': 'application/json' } });

  it('should be a Response with its status and headers', () => {
    const response = answer();

    expect(response).toBeInstanceOf(Response);
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(new BufferedResponse('{}', { status: 404 }).ok).toBe(false);
  });

  it('should give its body once, as text, JSON or bytes', async () => {
    const response = answer();

    expect(response.bodyUsed).toBe(false);
    await expect(response.text()).resolves.toBe('{"key":"k","value":1}');
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
    await expect(answer().json()).resolves.toEqual({ key: 'k', value: 1 });
    expect(Buffer.from(await answer().arrayBuffer()).toString('utf8')).toBe('{"key":"k","value":1}');
  });

  it('should clone an unread body and stream it on demand', async () => {
    const response = answer();
    const copy = response.clone();

    await expect(copy.json()).resolves.toEqual({ key: 'k', value: 1 });
    const chunks: Uint8Array[] = [];
    for await (const chunk of response.body!) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString('utf8')).toBe('{"key":"k","value":1}');
    expect(response.bodyUsed).toBe(true);
    expect(() => response.clone()).toThrow(TypeError);
  });
});
