import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles, type Theme } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import type { Challenges } from '@aiml-service-kits/plugin-ml-maturity-common';
import { LevelBadge } from '../LevelBadge';

const NAMES: Record<keyof Challenges, string> = {
  professionalSkills: 'Professional skills',
  infrastructure: 'Infrastructure',
  data: 'Data',
};

const KEYS = Object.keys(NAMES) as Array<keyof Challenges>;

const useStyles = makeStyles(theme => ({
  // The reason wraps; the name and the badge keep to one line (the table
  // is for screens of 600 px and more; phones get the list).
  name: { verticalAlign: 'top', whiteSpace: 'nowrap' },
  level: { verticalAlign: 'top', whiteSpace: 'nowrap' },
  reason: { verticalAlign: 'top', wordBreak: 'break-word' },
  list: { listStyle: 'none', padding: 0, margin: 0 },
  item: {
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  heading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(0.5),
  },
}));

/**
 * The framework's three ML challenges: diagnostics that never change the
 * level. A table with the reason beside each level; on a phone, where three
 * columns leave the reason no room, a list with the reason under each.
 */
export function ChallengesList(props: { challenges: Challenges }) {
  const classes = useStyles();
  // noSsr: a phone gets the list at the first render, not after a table
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('xs'), {
    noSsr: true,
  });

  if (narrow) {
    return (
      <ul className={classes.list} aria-label="ML challenges">
        {KEYS.map(key => {
          const challenge = props.challenges[key];
          return (
            <li key={key} className={classes.item}>
              <div className={classes.heading}>
                <Typography variant="body2" component="span">
                  <strong>{NAMES[key]}</strong>
                </Typography>
                <LevelBadge
                  level={challenge.level}
                  subject={`${NAMES[key]} level`}
                />
              </div>
              <Typography variant="body2" component="div">
                {challenge.reason}
              </Typography>
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <Table size="small" aria-label="ML challenges">
      <TableBody>
        {KEYS.map(key => {
          const challenge = props.challenges[key];
          return (
            <TableRow key={key}>
              <TableCell
                component="th"
                scope="row"
                // MUI gives body cells role="cell" even as <th>
                role="rowheader"
                className={classes.name}
              >
                {NAMES[key]}
              </TableCell>
              <TableCell className={classes.level}>
                <LevelBadge
                  level={challenge.level}
                  subject={`${NAMES[key]} level`}
                />
              </TableCell>
              <TableCell className={classes.reason}>
                {challenge.reason}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
