import { clearableTimeout } from '../../../src/adapters/system/with-timeout';

describe('a clearable deadline for an outbound call', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('should abort its signal with a TimeoutError once the time has passed', () => {
    const deadline = clearableTimeout(2_000);
    jest.advanceTimersByTime(1_999);
    expect(deadline.signal.aborted).toBe(false);

    jest.advanceTimersByTime(1);

    expect(deadline.signal.aborted).toBe(true);
    expect((deadline.signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('should never abort once cleared, so a call that ended leaves no timer behind', () => {
    const deadline = clearableTimeout(2_000);
    deadline.clear();

    jest.advanceTimersByTime(10_000);

    expect(deadline.signal.aborted).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
  });
});
