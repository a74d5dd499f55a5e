import { parseNow } from './parseOptions';

describe('parseNow', () => {
  it.each([
    ['2026-11-27', '2026-11-27T00:00:00.000Z'],
    ['2026-11-27T06:00:00Z', '2026-11-27T06:00:00.000Z'],
    ['2026-11-27T06:00Z', '2026-11-27T06:00:00.000Z'],
    ['2026-11-27T08:00:00.5+02:00', '2026-11-27T06:00:00.500Z'],
    ['2026-11-27T08:00:00+0200', '2026-11-27T06:00:00.000Z'],
    // RFC 3339 allows a space for the T and lower-case t and z.
    ['2026-11-27 06:00:00Z', '2026-11-27T06:00:00.000Z'],
    ['2026-11-27t06:00:00z', '2026-11-27T06:00:00.000Z'],
    [' 2026-11-27T06:00:00Z ', '2026-11-27T06:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
  ])('reads %j', (value, iso) => {
    expect(parseNow(value).toISOString()).toBe(iso);
  });

  it.each([
    ['2026-13-01', '2026-13-01 is not a date'],
    ['2026-00-10', '2026-00-10 is not a date'],
    ['2026-02-30', '2026-02-30 is not a date'],
    ['2025-02-29T06:00:00Z', '2025-02-29 is not a date'],
    ['2026-11-27T25:00:00Z', '25:00:00 is not a time of day'],
    ['2026-11-27T06:60Z', '06:60 is not a time of day'],
    ['2026-11-27T06:00:00+24:00', '+24:00 is not a zone offset'],
    ['2026-11-27T06:00:00', 'the time has no zone; add Z (UTC)'],
    ['2026-11-27 06:00', 'the time has no zone; add Z (UTC)'],
    ['yesterday', 'expected an ISO 8601 time such as 2026-11-27T06:00:00Z'],
    ['27/11/2026', 'expected an ISO 8601 time such as 2026-11-27T06:00:00Z'],
    ['1764223200000', 'expected an ISO 8601 time such as 2026-11-27T06:00:00Z'],
  ])('refuses %j saying %j', (value, message) => {
    expect(() => parseNow(value)).toThrow(`Invalid --now "${value}": `);
    expect(() => parseNow(value)).toThrow(message);
  });
});
