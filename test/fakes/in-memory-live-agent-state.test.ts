import { describeLiveAgentStateContract } from '../contracts/live-agent-state.contract';
import { InMemoryLiveAgentState } from './in-memory-live-agent-state';

describeLiveAgentStateContract('InMemoryLiveAgentState', () => new InMemoryLiveAgentState());

// Every store call waits for a macrotask, as a network round trip would, so racing commits interleave.
describeLiveAgentStateContract(
  'InMemoryLiveAgentState yielding between calls',
  () => new InMemoryLiveAgentState(() => new Promise<void>((resolve) => setImmediate(resolve))),
);
