import { ChangeEvent, useEffect, useMemo, useRef, useState } from 'react';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  KIT_IDS,
  type KitDefinition,
  type RoadmapTeam,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { UTF8_BOM } from '../../lib/csv';
import { downloadFile } from '../../lib/download';
import { VISUALLY_HIDDEN } from '../../lib/visuallyHidden';
import { WHOLE_WORDS } from '../../lib/wholeWords';
import { LevelBadge } from '../LevelBadge';
import { SideScroller } from '../SideScroller';
import { TeamName } from './TeamName';
import { useTeamTitles } from '../../hooks/useTeamTitles';
import {
  filterTeams,
  heatmapCsv,
  type HeatmapSort,
  type HeatmapSortKey,
  kitPercent,
  sortByName,
  sortTeams,
  teamName,
} from './heatmapRows';

/** Rows per page: 2,000 teams must render fast, so only one page is in the DOM. */
export const HEATMAP_PAGE_SIZE = 50;

/** Read by the frontend benchmark. */
export const HEATMAP_RENDERED_MARK = 'ml-maturity:heatmap-rendered';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
  select: { minWidth: 220 },
  // The table scrolls down inside its own box too, so that its head stays
  // in view (a sticky head sticks to its scrolling box).
  scroller: {
    maxHeight: '70vh',
    // a size container, for the caption's width (below)
    containerType: 'inline-size',
  },
  table: {
    minWidth: 720,
    '& caption': { captionSide: 'top', padding: theme.spacing(0, 0, 1) },
  },
  // The caption is as wide as the table: its text wraps to the width of
  // the scrolling box instead (100cqi), so that a phone shows all of it,
  // and stays in view while the table scrolls sideways.
  captionText: {
    display: 'block',
    position: 'sticky',
    left: 0,
    maxWidth: '100cqi',
  },
  name: { minWidth: '12em' },
  // The team column stays in view while the table scrolls sideways. It
  // needs an opaque background, the same as its row's: the Backstage theme
  // stripes odd body rows with background.default (head rows and even rows
  // show the card's paper): the cell takes the same palette colours, so it
  // matches its row in the light and the dark theme alike.
  sticky: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: theme.palette.background.paper,
    'tbody > tr:nth-of-type(odd) > &': {
      backgroundColor: theme.palette.background.default,
    },
  },
  // The head stays in view while the table scrolls down, above the team
  // column; its cells are opaque, with the head row's background.
  head: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    backgroundColor: theme.palette.background.paper,
  },
  // the Team heading stays in view both ways, above everything
  corner: { zIndex: 3 },
  // kit titles wrap between words, never a letter per line
  cell: {
    textAlign: 'center',
    fontVariantNumeric: 'tabular-nums',
    minWidth: '6.5em',
  },
  // the count a search or filter leaves, for screen readers: the pager
  // and the export button show it
  visuallyHidden: VISUALLY_HIDDEN,
  export: {
    '&.Mui-focusVisible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
}));

/**
 * Blue over white, deeper with the share met, with black text: opaque, so
 * dark themes show the same light cells, and black keeps at least 6.8:1
 * contrast on every shade (white text fell to 1.8:1 on the middle ones).
 */
function cellStyle(percent: number) {
  const a = (percent / 100) * 0.85;
  const mix = (channel: number) => Math.round(255 - a * (255 - channel));
  return {
    backgroundColor: `rgb(${mix(30)}, ${mix(136)}, ${mix(229)})`,
    color: '#000',
    ...WHOLE_WORDS,
  };
}

/**
 * Under a parent group's name: its row is the group's own assessment (what
 * it owns itself), not its teams'; its page shows the rollup.
 */
function ParentNote(props: { count: number | undefined }) {
  if (!props.count) return null;
  return (
    <Typography variant="caption" color="textSecondary" display="block">
      Parent of {props.count} team{props.count === 1 ? '' : 's'}: this row is
      its own assets; its page shows the rollup
    </Typography>
  );
}

/** Props of {@link HeatMap}. */
export interface HeatMapProps {
  teams: RoadmapTeam[];
  kits: KitDefinition[];
}

/** Teams × kits (% of required items met), searchable, filterable, paged. */
export function HeatMap(props: HeatMapProps) {
  const { teams, kits } = props;
  const classes = useStyles();
  const [search, setSearch] = useState('');
  const [parent, setParent] = useState('');
  const [page, setPage] = useState(0);
  const [sort, setSort] = useState<HeatmapSort>({
    key: 'name',
    direction: 'asc',
  });

  const parentRefs = useMemo(
    () => [...new Set(teams.flatMap(t => (t.parent ? [t.parent] : [])))],
    [teams],
  );
  const allRefs = useMemo(
    () => [...new Set([...teams.map(t => t.entityRef), ...parentRefs])].sort(),
    [teams, parentRefs],
  );
  const titles = useTeamTitles(allRefs);
  const parents = useMemo(() => {
    const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
    return parentRefs
      .map(ref => ({ ref, name: teamName(ref, titles) }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }, [parentRefs, titles]);
  // how many listed teams name each team as their parent
  const childCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const t of teams) {
      if (t.parent) counts.set(t.parent, (counts.get(t.parent) ?? 0) + 1);
    }
    return counts;
  }, [teams]);
  const implicitRefs = useMemo(
    () => new Set(teams.filter(t => t.implicit).map(t => t.entityRef)),
    [teams],
  );
  const byName = useMemo(() => sortByName(teams, titles), [teams, titles]);
  const sorted = useMemo(() => sortTeams(byName, sort), [byName, sort]);
  const filtered = useMemo(
    () => filterTeams(sorted, { search, parent }, titles),
    [sorted, search, parent, titles],
  );
  const rows = filtered.slice(
    page * HEATMAP_PAGE_SIZE,
    (page + 1) * HEATMAP_PAGE_SIZE,
  );

  const marked = useRef(false);
  useEffect(() => {
    if (!marked.current && teams.length > 0) {
      marked.current = true;
      // Not every environment has the User Timing API (jsdom has not).
      if (typeof performance !== 'undefined' && performance.mark) {
        performance.mark(HEATMAP_RENDERED_MARK);
      }
    }
  }, [teams.length]);

  const kitTitle = (id: string) => kits.find(k => k.id === id)?.title ?? id;

  /**
   * A column heading that sorts by its column: a button, so the keyboard
   * sorts too; a first press sorts ascending (least mature first for a
   * level or kit), the next reverses. The cell tells screen readers the
   * order (`aria-sort`).
   */
  const sortLabel = (key: HeatmapSortKey, label: string) => {
    const active = sort.key === key;
    return (
      <TableSortLabel
        active={active}
        direction={active ? sort.direction : 'asc'}
        onClick={() => {
          setSort({
            key,
            direction: active && sort.direction === 'asc' ? 'desc' : 'asc',
          });
          setPage(0);
        }}
      >
        {label}
      </TableSortLabel>
    );
  };
  const sortDirection = (key: HeatmapSortKey) =>
    sort.key === key ? sort.direction : false;

  return (
    <div>
      <div className={classes.toolbar}>
        <TextField
          id="ml-maturity-heatmap-search"
          label="Search teams"
          value={search}
          onChange={(e: ChangeEvent<HTMLInputElement>) => {
            setSearch(e.target.value);
            setPage(0);
          }}
        />
        <TextField
          select
          id="ml-maturity-heatmap-parent"
          className={classes.select}
          label="Parent group"
          value={parent}
          onChange={(e: ChangeEvent<HTMLInputElement>) => {
            setParent(e.target.value);
            setPage(0);
          }}
        >
          <MenuItem value="">All parents</MenuItem>
          {parents.map(p => (
            <MenuItem key={p.ref} value={p.ref}>
              {p.name}
            </MenuItem>
          ))}
        </TextField>
        <Button
          variant="outlined"
          className={classes.export}
          onClick={() =>
            downloadFile({
              filename: 'ml-maturity-teams.csv',
              // Excel reads a CSV as UTF-8 only after a BOM
              content: UTF8_BOM + heatmapCsv(filtered, titles),
              mimeType: 'text/csv;charset=utf-8',
            })
          }
        >
          {`Export CSV (${filtered.length} team${
            filtered.length === 1 ? '' : 's'
          })`}
        </Button>
      </div>
      {/* in the page before a search, so that screen readers read its changes */}
      <Typography variant="body2" role="status">
        {filtered.length === 0 && 'No team matches this search and filter.'}
        {filtered.length > 0 && (search.trim() !== '' || parent !== '') && (
          <span className={classes.visuallyHidden}>
            {`${filtered.length} of ${teams.length} team${
              teams.length === 1 ? '' : 's'
            } match${filtered.length === 1 ? 'es' : ''}.`}
          </span>
        )}
      </Typography>
      {filtered.length > 0 && (
        <>
          <SideScroller
            label="Heat map, scrollable"
            className={classes.scroller}
          >
            <Table
              size="small"
              className={classes.table}
              aria-label="Teams by kit: percent of required items met"
            >
              <caption>
                <span className={classes.captionText}>
                  Each kit's cell is the percent of its required items the team
                  has met (attested items count as met). Select a column heading
                  to sort by it.
                </span>
              </caption>
              <TableHead>
                <TableRow>
                  <TableCell
                    className={`${classes.name} ${classes.sticky} ${classes.head} ${classes.corner}`}
                    style={WHOLE_WORDS}
                    sortDirection={sortDirection('name')}
                  >
                    {sortLabel('name', 'Team')}
                  </TableCell>
                  <TableCell
                    className={`${classes.name} ${classes.head}`}
                    style={WHOLE_WORDS}
                  >
                    Parent
                  </TableCell>
                  <TableCell
                    className={classes.head}
                    sortDirection={sortDirection('level')}
                  >
                    {sortLabel('level', 'Level')}
                  </TableCell>
                  {KIT_IDS.map(id => (
                    <TableCell
                      key={id}
                      className={`${classes.cell} ${classes.head}`}
                      style={WHOLE_WORDS}
                      sortDirection={sortDirection(id)}
                    >
                      {sortLabel(id, kitTitle(id))}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map(team => (
                  <TableRow key={team.entityRef}>
                    <TableCell
                      component="th"
                      scope="row"
                      // MUI gives body cells role="cell" even as <th>
                      role="rowheader"
                      className={`${classes.name} ${classes.sticky}`}
                      style={WHOLE_WORDS}
                    >
                      <TeamName
                        entityRef={team.entityRef}
                        implicit={team.implicit}
                      />
                      <ParentNote count={childCounts.get(team.entityRef)} />
                    </TableCell>
                    <TableCell className={classes.name} style={WHOLE_WORDS}>
                      {team.parent ? (
                        <TeamName
                          entityRef={team.parent}
                          implicit={implicitRefs.has(team.parent)}
                        />
                      ) : (
                        '—'
                      )}
                    </TableCell>
                    <TableCell>
                      <LevelBadge level={team.level} />
                    </TableCell>
                    {KIT_IDS.map(id => {
                      const percent = kitPercent(team, id);
                      const kit = team.kits.find(k => k.id === id);
                      return (
                        <TableCell
                          key={id}
                          className={classes.cell}
                          style={cellStyle(percent)}
                          aria-label={`${teamName(
                            team.entityRef,
                            titles,
                          )}, ${kitTitle(id)}: ${percent}% met${
                            kit ? ` (${kit.met} of ${kit.total})` : ''
                          }`}
                        >
                          {percent}%
                        </TableCell>
                      );
                    })}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </SideScroller>
          <TablePagination
            component="div"
            count={filtered.length}
            page={page}
            rowsPerPage={HEATMAP_PAGE_SIZE}
            rowsPerPageOptions={[HEATMAP_PAGE_SIZE]}
            onPageChange={(_e, next) => setPage(next)}
          />
        </>
      )}
    </div>
  );
}
