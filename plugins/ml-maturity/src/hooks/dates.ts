/** `YYYY-MM-DD` of the UTC day `days` before `now`. @internal */
export function daysAgo(days: number, now: Date = new Date()): string {
  const d = new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
  return d.toISOString().slice(0, 10);
}
