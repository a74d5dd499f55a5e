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
