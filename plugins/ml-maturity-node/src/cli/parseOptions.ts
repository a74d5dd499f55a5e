import { InputError } from '@backstage/errors';

const ISO_TIME =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * Parses `--now`: an ISO 8601 date (`2026-11-27`, read as UTC midnight) or
 * date-time with an explicit zone (`2026-11-27T06:00:00Z`,
 * `...T08:00+02:00`). A time without a zone is refused, since its meaning
 * would depend on the machine.
 */
export function parseNow(value: string): Date {
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(value)) {
    throw new InputError(
      `Invalid --now "${value}": the time has no zone; add Z (UTC) or an offset such as +02:00`,
    );
  }
  const date = new Date(value);
  if (!ISO_TIME.test(value) || Number.isNaN(date.getTime())) {
    throw new InputError(
      `Invalid --now "${value}": expected an ISO 8601 time such as 2026-11-27T06:00:00Z or 2026-11-27`,
    );
  }
  // The engine rolls impossible days over (2026-02-30 is 2 March).
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (
    calendar.getUTCFullYear() !== year ||
    calendar.getUTCMonth() !== month - 1 ||
    calendar.getUTCDate() !== day
  ) {
    throw new InputError(
      `Invalid --now "${value}": ${value.slice(0, 10)} is not a date`,
    );
  }
  return date;
}

const TEAM_REF =
  /^[a-z][a-z0-9]*:[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9][a-z0-9._-]*$/;

/**
 * Normalises a `--team` value the way catalog refs default: kind `group`,
 * namespace `default`, compared lower-case.
 */
export function normalizeTeamRef(value: string): string {
  let ref = value.trim().toLocaleLowerCase('en-US');
  if (!ref.includes(':')) {
    ref = `group:${ref}`;
  }
  const [kind, rest] = [
    ref.slice(0, ref.indexOf(':')),
    ref.slice(ref.indexOf(':') + 1),
  ];
  const full = rest.includes('/')
    ? `${kind}:${rest}`
    : `${kind}:default/${rest}`;
  if (!TEAM_REF.test(full)) {
    throw new InputError(
      `Invalid --team "${value}": expected a team's entity ref, e.g. vision, default/vision or group:default/vision`,
    );
  }
  return full;
}
