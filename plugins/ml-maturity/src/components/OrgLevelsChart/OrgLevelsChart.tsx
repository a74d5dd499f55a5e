import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import useMeasure from 'react-use/esm/useMeasure';
import type { LevelKey, OrgHistoryDay } from '../../api';
import { spreadLabels } from '../../lib/labelLayout';
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

/** Width before the chart's box is measured (and in tests, which have no layout). */
const DEFAULT_WIDTH = 640;
const MIN_WIDTH = 300;
const HEIGHT = 200;
const PAD = { left: 40, right: 110, top: 10, bottom: 22 };
/** Text in CSS pixels: the SVG is drawn at its measured width, not scaled. */
const FONT_SIZE = 12;
/** Least distance between two end labels' lines of text, so they never overlap. */
const LABEL_GAP = FONT_SIZE + 2;
/** Each level also differs by dash pattern, so colour is not the only cue. */
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2'];
/**
 * One hue per level, each at least 3:1 against the card (WCAG's contrast
 * for graphics): darker shades on the light theme's white, lighter ones on
 * the dark theme's grey.
 * @internal
 */
export const LEVEL_COLOURS = {
  light: ['#616161', '#00796b', '#1565c0', '#6a1b9a', '#e65100'],
  dark: ['#bdbdbd', '#4db6ac', '#64b5f6', '#ce93d8', '#ffb74d'],
};

/**
 * The outline of each level's marker around its centre (a circle for
 * L-I): a day alone has no line to dash, so the shape, shown in the legend
 * too, is what tells its levels apart besides the colour.
 */
const MARKER_SHAPES = [
  '',
  'm -3.5 -3.5 h 7 v 7 h -7 z',
  'm 0 -4.5 l 4.5 8 h -9 z',
  'm 0 -4.5 l 4.5 4.5 l -4.5 4.5 l -4.5 -4.5 z',
  'm 0 4.5 l 4.5 -8 h -9 z',
];

function LevelMarker(props: {
  level: number;
  cx: number;
  cy: number;
  fill: string;
}) {
  const { level, cx, cy, fill } = props;
  const shape = MARKER_SHAPES[level - 1];
  return shape ? (
    <path data-level={level} d={`M ${cx} ${cy} ${shape}`} fill={fill} />
  ) : (
    <circle data-level={level} cx={cx} cy={cy} r={3.5} fill={fill} />
  );
}

const useStyles = makeStyles(theme => ({
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(1, 0, 0),
  },
  legendItem: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
}));

const count = (day: OrgHistoryDay, level: number) =>
  day.levels[String(level) as LevelKey] ?? 0;

/**
 * The sentence a screen reader hears instead of the picture: the counts on
 * the last and the first day (the trend), and how many days are recorded,
 * of how many in the span when refreshes missed days.
 */
export function describeOrgLevels(days: OrgHistoryDay[]): string {
  const first = days[0];
  const last = days[days.length - 1];
  const counts = (day: OrgHistoryDay) =>
    LEVELS.map(level => `${levelLabel(level)} ${count(day, level)}`).join(', ');
  if (days.length === 1) {
    return `Teams per level on ${last.day}, the only day recorded: ${counts(
      last,
    )}.`;
  }
  return (
    `Teams per level from ${first.day} to ${last.day}. ` +
    `On ${last.day}: ${counts(last)}; on ${first.day}: ${counts(first)}. ` +
    `${daysRecorded(days.map(d => d.day))}`
  );
}

/**
 * Levels that end on the same count share one label (with that count);
 * labels of close counts are then moved apart (see `spreadLabels`), so
 * labels never overlap.
 */
function endLabels(
  day: OrgHistoryDay,
  y: (n: number) => number,
): Array<{ n: number; levels: number[]; y: number }> {
  const byCount = new Map<number, number[]>();
  for (const level of LEVELS) {
    const n = count(day, level);
    byCount.set(n, [...(byCount.get(n) ?? []), level]);
  }
  const labels = [...byCount].map(([n, levels]) => ({ n, levels }));
  const placed = spreadLabels(
    labels.map(label => y(label.n)),
    { gap: LABEL_GAP, min: PAD.top, max: HEIGHT - PAD.bottom },
  );
  return labels.map((label, i) => ({ ...label, y: placed[i] }));
}

/**
 * Teams per level over time: one line per level, each with its own dash
 * pattern and an end label; a day alone, one marker per level, each with
 * its own shape. Hand-written SVG.
 * @internal
 */
export function OrgLevelsChart(props: { days: OrgHistoryDay[] }) {
  const theme = useTheme();
  const classes = useStyles();
  const [box, { width: measured }] = useMeasure<HTMLDivElement>();
  const colours =
    LEVEL_COLOURS[theme.palette.type === 'dark' ? 'dark' : 'light'];
  const days = [...props.days].sort((a, b) => a.day.localeCompare(b.day));
  if (days.length === 0) {
    return <NoHistory />;
  }
  const chartWidth =
    measured > 0 ? Math.max(MIN_WIDTH, measured) : DEFAULT_WIDTH;
  const max = Math.max(1, ...days.flatMap(d => LEVELS.map(l => count(d, l))));
  const plotW = chartWidth - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  // by date, so a gap of missing days shows as a gap
  const t0 = dayTime(days[0].day);
  const span = dayTime(days[days.length - 1].day) - t0;
  const x = (i: number) =>
    PAD.left +
    (span > 0 ? ((dayTime(days[i].day) - t0) / span) * plotW : plotW / 2);
  const y = (n: number) => PAD.top + (1 - n / max) * plotH;
  const last = days.length - 1;
  // a line per run of consecutive days; a day alone is a dot
  const runs = consecutiveRuns(days.map(d => d.day));

  return (
    <div ref={box} style={{ overflowX: 'auto' }}>
      <svg
        role="img"
        aria-label={describeOrgLevels(days)}
        viewBox={`0 0 ${chartWidth} ${HEIGHT}`}
        width={chartWidth}
        height={HEIGHT}
      >
        <g
          aria-hidden="true"
          fontSize={FONT_SIZE}
          fill={theme.palette.text.secondary}
        >
          {[0, max].map(n => (
            <g key={n}>
              <line
                x1={PAD.left}
                x2={chartWidth - PAD.right}
                y1={y(n)}
                y2={y(n)}
                stroke={theme.palette.divider}
              />
              <text x={PAD.left - 4} y={y(n) + 4} textAnchor="end">
                {n}
              </text>
            </g>
          ))}
          <DayLabels
            first={days[0].day}
            last={days[last].day}
            left={PAD.left}
            right={chartWidth - PAD.right}
            single={x(0)}
            y={HEIGHT - 4}
          />
        </g>
        {LEVELS.map(level => (
          <g key={level}>
            {runs.map(run =>
              run.length === 1 ? (
                <LevelMarker
                  key={run[0]}
                  level={level}
                  cx={x(run[0])}
                  cy={y(count(days[run[0]], level))}
                  fill={colours[level - 1]}
                />
              ) : (
                <polyline
                  key={run[0]}
                  fill="none"
                  stroke={colours[level - 1]}
                  strokeWidth={2}
                  strokeDasharray={DASHES[level - 1]}
                  points={run
                    .map(i => `${x(i)},${y(count(days[i], level))}`)
                    .join(' ')}
                />
              ),
            )}
          </g>
        ))}
        {endLabels(days[last], y).map(label => (
          <text
            key={label.n}
            aria-hidden="true"
            x={x(last) + 6}
            y={label.y + 4}
            fontSize={FONT_SIZE}
            fill={theme.palette.text.primary}
          >
            {`${label.levels.map(levelCode).join(', ')}: ${label.n}`}
          </text>
        ))}
      </svg>
      {days.length === 1 && <OneDayNote />}
      {runs.length > 1 && <GapNote />}
      <ul className={classes.legend} aria-hidden="true">
        {LEVELS.map(level => (
          <li key={level} className={classes.legendItem}>
            <svg width={24} height={10}>
              <line
                x1={0}
                x2={24}
                y1={5}
                y2={5}
                stroke={colours[level - 1]}
                strokeWidth={2}
                strokeDasharray={DASHES[level - 1]}
              />
              <LevelMarker
                level={level}
                cx={12}
                cy={5}
                fill={colours[level - 1]}
              />
            </svg>
            <Typography variant="caption">{levelLabel(level)}</Typography>
          </li>
        ))}
      </ul>
    </div>
  );
}
