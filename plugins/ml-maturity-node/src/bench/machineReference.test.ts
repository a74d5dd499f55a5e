import { machineReferenceMs } from './machineReference';

describe('machineReferenceMs', () => {
  it('times the reference workload: a positive median, rounded to 0.1 ms', () => {
    const ms = machineReferenceMs(3);

    expect(ms).toBeGreaterThan(0);
    expect(Math.round(ms * 10) / 10).toBe(ms);
  });
});
