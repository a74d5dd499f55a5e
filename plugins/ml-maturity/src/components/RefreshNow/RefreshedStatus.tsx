import { useEffect, useRef, useState } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import { VISUALLY_HIDDEN } from '../../lib/visuallyHidden';

const useStyles = makeStyles({
  // read by screen readers, not shown: sighted users see the results
  visuallyHidden: VISUALLY_HIDDEN,
});

/**
 * Tells screen readers that a refresh has brought the results: once
 * `shows` turns from `refresh` (the card offers Refresh now) to `results`,
 * it says `message`. The results replace Refresh now, its announced
 * messages and the button that had the focus, so nothing else would say
 * so. Its live region (polite, as Refresh now's) stays in the page across
 * both states, as one added with its text is not read out by every screen
 * reader.
 * Render it with the entity's ref as `key`: another entity's results are
 * no refresh's.
 * @internal
 */
export function RefreshedStatus(props: {
  /** What the card shows: Refresh now, the results, or neither (loading, an error). */
  shows: 'refresh' | 'results' | undefined;
  message: string;
}) {
  const { shows, message } = props;
  const classes = useStyles();
  const offered = useRef(false);
  const [said, setSaid] = useState('');
  useEffect(() => {
    if (shows === 'refresh') {
      offered.current = true;
      setSaid('');
    } else if (shows === 'results' && offered.current) {
      offered.current = false;
      setSaid(message);
    }
  }, [shows, message]);
  return (
    <div aria-live="polite" className={classes.visuallyHidden}>
      {said}
    </div>
  );
}
