import { InputError } from '@backstage/errors';

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parses `--now`: an ISO 8601 date (`2026-11-27`, read as UTC midnight) or
 * date-time with an explicit zone (`2026-11-27T06:00:00Z`,
 * `...T08:00+02:00`; RFC 3339's space for the `T` and lower-case `t`/`z`
 * are accepted too). A time without a zone is refused, since its meaning
 * would depend on the machine.
 */
export function parseNow(input: string): Date {
  const value = input.trim();
  const match = ISO_TIME.exec(value);
  if (!match) {
    throw new InputError(
      `Invalid --now "${input}": expected an ISO 8601 time such as 2026-11-27T06:00:00Z or 2026-11-27`,
    );
  }
  const [, y, mo, d, h, mi, s, zone] = match;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  // Checked before parsing: the engine rolls impossible days over
  // (2026-02-30 is 2 March) and gives no reason for a month 13.
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (
    month < 1 ||
    month > 12 ||
    calendar.getUTCFullYear() !== year ||
    calendar.getUTCMonth() !== month - 1 ||
    calendar.getUTCDate() !== day
  ) {
    throw new InputError(
      `Invalid --now "${input}": ${value.slice(
        0,
        10,
      )} is not a date (year-month-day)`,
    );
  }
  if (h === undefined) {
    return calendar;
  }
  if (
    Number(h) > 23 ||
    Number(mi) > 59 ||
    (s !== undefined && Number(s) > 59)
  ) {
    throw new InputError(
      `Invalid --now "${input}": ${value.slice(
        11,
        s === undefined ? 16 : 19,
      )} is not a time of day (hours 00-23, minutes and seconds 00-59)`,
    );
  }
  if (zone === undefined) {
    throw new InputError(
      `Invalid --now "${input}": the time has no zone; add Z (UTC) or an offset such as +02:00`,
    );
  }
  const offset = /^[+-]\d{2}:?\d{2}$/.test(zone) ? zone : '';
  if (
    offset &&
    (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(-2)) > 59)
  ) {
    throw new InputError(
      `Invalid --now "${input}": ${offset} is not a zone offset (at most +23:59 or -23:59)`,
    );
  }
  const normalised = `${value.slice(0, 10)}T${value.slice(
    11,
    value.length - zone.length,
  )}${offset ? `${offset.slice(0, 3)}:${offset.slice(-2)}` : 'Z'}`;
  const date = new Date(normalised);
  if (Number.isNaN(date.getTime())) {
    throw new InputError(
      `Invalid --now "${input}": expected an ISO 8601 time such as 2026-11-27T06:00:00Z or 2026-11-27`,
    );
  }
  return date;
}

const TEAM_REF =
  /^[a-z][a-z0-9]*:[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9][a-z0-9._-]*$/;

/**
 * A ref as written in YAML or on the command line, lower-cased and
 * completed with the default kind and namespace (`vision` is
 * `group:default/vision` for kind group); not validated.
 */
export function completeRef(
  text: string,
  defaultKind: string,
  defaultNamespace: string,
): string {
  const ref = text.toLocaleLowerCase('en-US');
  const colon = ref.indexOf(':');
  const kind = colon < 0 ? defaultKind : ref.slice(0, colon);
  const rest = ref.slice(colon + 1);
  return rest.includes('/')
    ? `${kind}:${rest}`
    : `${kind}:${defaultNamespace}/${rest}`;
}

/**
 * Normalises a `--team` value the way catalog refs default: kind `group`,
 * namespace `default`, compared lower-case.
 */
export function normalizeTeamRef(value: string): string {
  const full = completeRef(value.trim(), 'group', 'default');
  if (!TEAM_REF.test(full)) {
    throw new InputError(
      `Invalid --team "${value}": expected a team's entity ref, e.g. vision, default/vision or group:default/vision`,
    );
  }
  return full;
}
