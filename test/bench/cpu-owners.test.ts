import { cpuShares, ownerOfFrame, type CpuProfile } from '../../bench/lib/cpu-owners';

/**
 * P3's "whose code" row charges each CPU sample to the nearest frame on its stack that belongs
 * to someone, so Node's internals count for the code that called them and Koji's app can be set
 * beside Bolt's framework.
 */
const ROOT = 'file:///w/';
const frame = (id: number, url: string, functionName = 'f', children: number[] = []) => ({ id, callFrame: { functionName, url }, children });

describe('whose code a frame is', () => {
  it.each([
    ['file:///w/src/adapters/slack/slack-poster.ts', 'app'],
    ['file:///w/node_modules/@forge/kvs/out/storage-api.js', 'forgeSdk'],
    ['file:///w/node_modules/@slack/bolt/dist/App.js', 'package'],
    ['file:///w/node_modules/some-lib/src/index.js', 'package'],
    ['node:internal/deps/undici/undici', 'fetch'],
    ['file:///w/node_modules/undici/lib/dispatcher/client-h1.js', 'fetch'],
    ['file:///w/packages/forge-local/src/http-server.ts', 'emulation'],
    ['file:///w/packages/forge-local/src/slack/web-api.ts', 'fakeChat'],
    ['file:///w/bench/lib/bolt-relay.ts', 'framework'],
    ['file:///w/bench/lib/floor-relay.ts', 'framework'],
    ['file:///w/bench/lib/harness.ts', 'bench'],
    ['file:///elsewhere/bench/src/x.ts', undefined],
    ['node:internal/streams/writable', undefined],
    ['', undefined],
  ])('%s → %s', (url, owner) => {
    expect(ownerOfFrame(url, ROOT)).toBe(owner);
  });
});

describe('the shares of a profile', () => {
  it('should charge Node’s internals to their nearest owned caller, and leave idle time and the first delta out', () => {
    // root → app handler → node:crypto; root → platform server → node:net; root → (idle); root → (garbage collector)
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
      // The first delta is the time before the first sample (here under the platform's frame): never charged.
      samples: [5, 3, 3, 3, 5, 6, 6, 7],
      timeDeltas: [999, 10, 10, 10, 10, 50, 50, 10],
    };

    const { shares, busyMicros } = cpuShares(profile, ROOT);

    expect(busyMicros).toBe(50);
    expect(shares.app).toBeCloseTo(0.6);
    expect(shares.emulation).toBeCloseTo(0.2);
    expect(shares.gc).toBeCloseTo(0.2);
    expect(shares.node).toBe(0);
  });

  it('should charge a package to the app or the platform that called it, and to the framework otherwise', () => {
    const profile: CpuProfile = {
      nodes: [
        frame(1, '', '(root)', [2, 4, 6]),
        frame(2, 'file:///w/src/adapters/teams/teams-auth.ts', 'verify', [3]),
        frame(3, 'file:///w/node_modules/jose/dist/verify.js', 'jwtVerify'),
        frame(4, 'file:///w/packages/forge-local/src/local-queue.ts', 'push', [5]),
        frame(5, 'file:///w/node_modules/better-sqlite3/lib/methods/transaction.js', 'sqliteTransaction'),
        frame(6, 'file:///w/node_modules/@slack/bolt/dist/receivers/HTTPReceiver.js', 'requestListener', [7]),
        frame(7, 'file:///w/node_modules/@slack/web-api/dist/WebClient.js', 'apiCall'),
      ],
      samples: [1, 3, 5, 7, 7],
      timeDeltas: [0, 10, 10, 10, 10],
    };

    const { shares } = cpuShares(profile, ROOT);

    expect(shares.app).toBeCloseTo(0.25);
    expect(shares.emulation).toBeCloseTo(0.25);
    expect(shares.framework).toBeCloseTo(0.5);
  });

  it('should charge a stack with no owned frame to Node itself', () => {
    const profile: CpuProfile = { nodes: [frame(1, '', '(root)', [2]), frame(2, 'node:internal/timers', 'processTimers')], samples: [2, 2], timeDeltas: [0, 30] };

    expect(cpuShares(profile, ROOT).shares.node).toBe(1);
  });
});
