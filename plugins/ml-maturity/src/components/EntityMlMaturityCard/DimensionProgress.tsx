import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { DIMENSIONS } from '@aiml-service-kits/plugin-ml-maturity-common';
import type { JoinedItem } from './joinItems';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'grid',
    gridTemplateColumns: '7rem 1fr 4rem',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(0.5),
  },
}));

const LABELS = {
  people: 'People',
  process: 'Process',
  technology: 'Technology',
};

/** Required items met per dimension of one kit, as bars with their numbers. */
export function DimensionProgress(props: { items: JoinedItem[] }) {
  const classes = useStyles();
  return (
    <div>
      {DIMENSIONS.map(dimension => {
        const required = props.items.filter(
          i => i.result.dimension === dimension && i.result.required,
        );
        const met = required.filter(i => i.result.status !== 'unmet').length;
        const total = required.length;
        const label = `${LABELS[dimension]}: ${met} of ${total} required items met`;
        return (
          <div key={dimension} className={classes.row}>
            <Typography variant="body2">{LABELS[dimension]}</Typography>
            <LinearProgress
              variant="determinate"
              value={total ? (met / total) * 100 : 100}
              aria-label={label}
            />
            <Typography variant="body2" aria-hidden="true">
              {met}/{total}
            </Typography>
          </div>
        );
      })}
    </div>
  );
}
