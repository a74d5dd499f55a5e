import { ReactNode } from 'react';
import TableContainer from '@material-ui/core/TableContainer';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  // On a phone the table scrolls sideways rather than squeezing its words
  // to a few letters per line.
  scroller: {
    overflowX: 'auto',
    '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}` },
  },
}));

/**
 * The box a wide table scrolls sideways in: a named region, focusable, so
 * that keyboard users can scroll it too.
 * @internal
 */
export function SideScroller(props: {
  /** The region's name, e.g. "Heat map, scrollable". */
  label: string;
  /** Styles of its own, added to the shared ones. */
  className?: string;
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <TableContainer
      className={
        props.className
          ? `${classes.scroller} ${props.className}`
          : classes.scroller
      }
      role="region"
      aria-label={props.label}
      tabIndex={0}
    >
      {props.children}
    </TableContainer>
  );
}
