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
  const date = new Date(value);
  if (!ISO_TIME.test(value) || Number.isNaN(date.getTime())) {
    throw new InputError(
      `Invalid --now "${value}": expected an ISO 8601 time such as 2026-11-27T06:00:00Z or 2026-11-27`,
    );
  }
  return date;
}

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
  return rest.includes('/') ? `${kind}:${rest}` : `${kind}:default/${rest}`;
}
