import Typography from '@material-ui/core/Typography';

/** What a history chart shows before the first point is recorded. */
export function NoHistory() {
  return (
    <Typography variant="body2" color="textSecondary">
      No history yet: a point is recorded on each day the assessment refreshes.
    </Typography>
  );
}

/** Below a history chart with a single point: why there is only one. */
export function OneDayNote() {
  return (
    <Typography variant="caption" color="textSecondary" component="p">
      One day of history so far: a point is added on each day the assessment
      refreshes.
    </Typography>
  );
}

/**
 * The day labels under a history chart's plot (SVG text): the first and
 * last day at the plot's edges, or a single day once, under its point.
 */
export function DayLabels(props: {
  first: string;
  last: string;
  /** Left and right edges of the plot, and the x of a single point. */
  left: number;
  right: number;
  single: number;
  y: number;
}) {
  const { first, last, left, right, single, y } = props;
  if (first === last) {
    return (
      <text x={single} y={y} textAnchor="middle">
        {first}
      </text>
    );
  }
  return (
    <>
      <text x={left} y={y}>
        {first}
      </text>
      <text x={right} y={y} textAnchor="end">
        {last}
      </text>
    </>
  );
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** A history day, `YYYY-MM-DD`, as ms since the epoch (UTC midnight). */
export const dayTime = (day: string) => Date.parse(`${day}T00:00:00Z`);

/**
 * The indices of sorted days, split where days are missing between two
 * of them (no refresh succeeded on those days): each run is drawn as its
 * own line, so a gap shows as a gap rather than as a change.
 */
export function consecutiveRuns(days: ReadonlyArray<string>): number[][] {
  const runs: number[][] = [];
  days.forEach((day, i) => {
    if (i > 0 && dayTime(day) - dayTime(days[i - 1]) <= DAY_MS) {
      runs[runs.length - 1].push(i);
    } else {
      runs.push([i]);
    }
  });
  return runs;
}

/**
 * For a chart's text summary: how many of the days from the first to the
 * last recorded one have a point, e.g. "3 of 58 days recorded.", so a
 * screen reader hears the gaps the picture shows as breaks; only the count
 * ("3 days recorded.") when no day is missing.
 */
export function daysRecorded(days: ReadonlyArray<string>): string {
  const n = days.length;
  const plural = (k: number) => `${k} day${k === 1 ? '' : 's'}`;
  if (n === 0) return `${plural(0)} recorded.`;
  const span = Math.round(
    (dayTime(days[n - 1]) - dayTime(days[0])) / DAY_MS + 1,
  );
  return Number.isFinite(span) && span > n
    ? `${n} of ${plural(span)} recorded.`
    : `${plural(n)} recorded.`;
}

/** Below a history chart whose line breaks: what the breaks are. */
export function GapNote() {
  return (
    <Typography variant="caption" color="textSecondary" component="p">
      Breaks in the line are days without a successful refresh.
    </Typography>
  );
}
