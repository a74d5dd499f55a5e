import { useTheme } from '@material-ui/core/styles';
import type { TeamHistoryPoint } from '../../api';
import { LEVELS, levelCode, levelLabel } from '../../lib/levels';
import {
  consecutiveRuns,
  daysRecorded,
  DayLabels,
  dayTime,
  GapNote,
  NoHistory,
  OneDayNote,
} from '../HistoryChartParts';

const WIDTH = 320;
const HEIGHT = 120;
const PAD = { left: 36, right: 8, top: 8, bottom: 20 };

/** The sentence a screen reader hears instead of the picture. */
export function describeLevelHistory(points: TeamHistoryPoint[]): string {
  const first = points[0];
  const last = points[points.length - 1];
  const changes = points.filter(
    (p, i) => i > 0 && p.level !== points[i - 1].level,
  ).length;
  const highest = Math.max(...points.map(p => p.level));
  // the days missing between the first and the last break the line: say so
  const gaps = consecutiveRuns(points.map(p => p.day)).length > 1;
  return (
    `Maturity level from ${first.day} to ${last.day}: ` +
    `${levelLabel(first.level)} at the start, ${levelLabel(last.level)} now; ` +
    `highest ${levelLabel(highest)}; ${changes} level change${
      changes === 1 ? '' : 's'
    }.${gaps ? ` ${daysRecorded(points.map(p => p.day))}` : ''}`
  );
}

/**
 * A team's level over time as a step line. Hand-written SVG: one image with
 * a text summary for assistive technology.
 * @internal
 */
export function LevelHistoryChart(props: { points: TeamHistoryPoint[] }) {
  const theme = useTheme();
  const points = [...props.points].sort((a, b) => a.day.localeCompare(b.day));
  if (points.length === 0) {
    return <NoHistory />;
  }
  const t0 = dayTime(points[0].day);
  const span = dayTime(points[points.length - 1].day) - t0;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (day: string) =>
    PAD.left + (span > 0 ? ((dayTime(day) - t0) / span) * plotW : plotW / 2);
  const y = (level: number) => PAD.top + ((5 - level) / 4) * plotH;

  // a step line per run of consecutive days; a day alone is a dot
  const runs = consecutiveRuns(points.map(p => p.day));
  const paths = runs
    .filter(run => run.length > 1)
    .map(run =>
      run
        .map((i, j) => {
          const p = points[i];
          return j === 0
            ? `M ${x(p.day)} ${y(p.level)}`
            : `H ${x(p.day)} V ${y(p.level)}`;
        })
        .join(' '),
    );
  const dots = runs.filter(run => run.length === 1).map(run => points[run[0]]);
  const last = points[points.length - 1];

  const chart = (
    <svg
      role="img"
      aria-label={describeLevelHistory(points)}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      style={{ maxWidth: WIDTH * 1.5 }}
    >
      {LEVELS.map(level => (
        <g key={level} aria-hidden="true">
          <line
            x1={PAD.left}
            x2={WIDTH - PAD.right}
            y1={y(level)}
            y2={y(level)}
            stroke={theme.palette.divider}
          />
          <text
            x={PAD.left - 4}
            y={y(level) + 4}
            textAnchor="end"
            fontSize={10}
            fill={theme.palette.text.secondary}
          >
            {levelCode(level)}
          </text>
        </g>
      ))}
      {paths.map(d => (
        <path
          key={d}
          d={d}
          fill="none"
          stroke={theme.palette.primary.main}
          strokeWidth={2}
        />
      ))}
      {dots
        .filter(p => p !== last)
        .map(p => (
          <circle
            key={p.day}
            cx={x(p.day)}
            cy={y(p.level)}
            r={3}
            fill={theme.palette.primary.main}
          />
        ))}
      <circle
        cx={x(last.day)}
        cy={y(last.level)}
        r={3}
        fill={theme.palette.primary.main}
      />
      <g aria-hidden="true" fontSize={10} fill={theme.palette.text.secondary}>
        <DayLabels
          first={points[0].day}
          last={last.day}
          left={PAD.left}
          right={WIDTH - PAD.right}
          single={x(last.day)}
          y={HEIGHT - 4}
        />
      </g>
    </svg>
  );
  return (
    <>
      {chart}
      {points.length === 1 && <OneDayNote />}
      {runs.length > 1 && <GapNote />}
    </>
  );
}
