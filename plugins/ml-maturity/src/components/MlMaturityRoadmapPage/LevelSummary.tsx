import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { LevelKey } from '../../api';
import { LEVELS } from '../../lib/levels';
import { LevelBadge } from '../LevelBadge';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(3),
    listStyle: 'none',
    padding: 0,
    margin: 0,
  },
  count: { fontSize: '2rem', lineHeight: 1.2 },
}));

/** Number of teams at each level. */
export function LevelSummary(props: { levels: Record<LevelKey, string[]> }) {
  const classes = useStyles();
  return (
    <ul className={classes.list} aria-label="Teams per level">
      {LEVELS.map(level => {
        const n = props.levels[String(level) as LevelKey]?.length ?? 0;
        return (
          <li key={level}>
            <Typography className={classes.count} component="div">
              {n}
            </Typography>
            <LevelBadge level={level} />
            <Typography variant="caption" component="div">
              team{n === 1 ? '' : 's'}
            </Typography>
          </li>
        );
      })}
    </ul>
  );
}
