import { machineReferenceMs, referenceWork } from './machineReference';

describe('machineReferenceMs', () => {
  it('does all of its fixed work: every ref looked up once, the sort done', () => {
    // ids 0..99,999 each looked up once (the lookup order is a permutation),
    // and 'component:default/service-0' (27 characters) sorts first
    expect(referenceWork()).toBe((100_000 * 99_999) / 2 + 27);
  });

  it('times the reference workload: a positive median, rounded to 0.1 ms', () => {
    const ms = machineReferenceMs(3);

    expect(ms).toBeGreaterThan(0);
    expect(Math.round(ms * 10) / 10).toBe(ms);
  });
});
