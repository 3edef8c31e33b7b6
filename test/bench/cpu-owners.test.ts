import { cpuShares, ownerOfFrame, type CpuProfile } from '../../bench/lib/cpu-owners';

/**
 * P3's "whose code" row charges each CPU sample to the nearest frame on its stack that belongs
 * to someone, so Node's internals count for the code that called them and Koji's app can be set
 * beside Bolt's framework.
 */
const frame = (id: number, url: string, functionName = 'f', children: number[] = []) => ({ id, callFrame: { functionName, url }, children });

describe('whose code a CPU sample is charged to', () => {
  it.each([
    ['file:///w/src/adapters/slack/slack-poster.ts', 'app'],
    ['file:///w/node_modules/@forge/kvs/out/storage-api.js', 'forgeSdk'],
    ['file:///w/node_modules/@slack/bolt/dist/App.js', 'framework'],
    ['node:internal/deps/undici/undici', 'fetch'],
    ['file:///w/node_modules/undici/lib/dispatcher/client-h1.js', 'fetch'],
    ['file:///w/packages/forge-local/src/http-server.ts', 'emulation'],
    ['file:///w/packages/forge-local/src/slack/web-api.ts', 'fakeChat'],
    ['file:///w/bench/lib/harness.ts', 'bench'],
    ['node:internal/streams/writable', undefined],
    ['', undefined],
  ])('%s → %s', (url, owner) => {
    expect(ownerOfFrame(url)).toBe(owner);
  });

  it('should charge Node’s internals to their nearest owned caller, and leave idle time out of the shares', () => {
    // root → app handler → node:crypto (leaf); root → platform server → node:net (leaf); root → (idle); root → (garbage collector)
    const profile: CpuProfile = {
      nodes: [
        frame(1, '', '(root)', [2, 4, 6, 7]),
        frame(2, 'file:///w/src/adapters/slack/slack-signature.ts', 'verify', [3]),
        frame(3, 'node:internal/crypto/hash', 'digest'),
        frame(4, 'file:///w/packages/forge-local/src/http-server.ts', 'webTrigger', [5]),
        frame(5, 'node:net', 'writeGeneric'),
        frame(6, '', '(idle)'),
        frame(7, '', '(garbage collector)'),
      ],
      // The first delta is the time before the first sample: never charged.
      samples: [6, 3, 3, 3, 5, 6, 6, 7],
      timeDeltas: [999, 10, 10, 10, 10, 50, 50, 10],
    };

    const { shares, busyMicros } = cpuShares(profile);

    expect(busyMicros).toBe(50);
    expect(shares.app).toBeCloseTo(0.6);
    expect(shares.emulation).toBeCloseTo(0.2);
    expect(shares.gc).toBeCloseTo(0.2);
    expect(shares.node).toBe(0);
  });

  it('should charge a stack with no owned frame to Node itself', () => {
    const profile: CpuProfile = { nodes: [frame(1, '', '(root)', [2]), frame(2, 'node:internal/timers', 'processTimers')], samples: [2, 2], timeDeltas: [0, 30] };

    expect(cpuShares(profile).shares.node).toBe(1);
  });
});
