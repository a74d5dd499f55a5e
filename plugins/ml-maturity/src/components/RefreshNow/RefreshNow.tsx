import { ReactNode, useEffect, useRef, useState } from 'react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { mlMaturityApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';

/** How often, and how many times, the card reloads after starting a refresh. */
export const REFRESH_POLL_MS = 3_000;
const REFRESH_POLLS = 40;

const useStyles = makeStyles(theme => ({
  root: { marginTop: theme.spacing(2) },
  button: { marginTop: theme.spacing(0.5) },
  message: { marginTop: theme.spacing(1) },
}));

type State =
  | { kind: 'idle' }
  | { kind: 'starting' }
  | { kind: 'waiting'; alreadyRunning: boolean; polls: number }
  | { kind: 'gave-up' }
  | { kind: 'failed'; message: ReactNode };

function message(state: State): ReactNode {
  switch (state.kind) {
    case 'waiting':
      return state.alreadyRunning
        ? 'A refresh is already running (or about to start). Checking again every few seconds until it has finished.'
        : 'Refresh started. Checking again every few seconds until it has finished.';
    case 'gave-up':
      return 'Still not here after two minutes of checking. A large catalog takes longer to refresh: reload the page in a few minutes. If it still does not show, see the hints above.';
    case 'failed':
      return state.message;
    default:
      return null;
  }
}

/**
 * When the results are refreshed, and a way to refresh them now
 * (`POST /refresh`, permission `ml-maturity.refresh`), for an entity that
 * the last refresh did not see. After starting one, it reloads the card
 * every few seconds for two minutes; the card replaces it once the entity
 * is there. Its messages are announced (a polite live region).
 * @internal
 */
export function RefreshNow(props: {
  /** Loads the card's data again. */
  onReload(): void;
}) {
  const classes = useStyles();
  const api = useApi(mlMaturityApiRef);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const reload = useRef(props.onReload);
  reload.current = props.onReload;

  useEffect(() => {
    if (state.kind !== 'waiting') return undefined;
    const timer = setTimeout(() => {
      reload.current();
      setState(s =>
        s.kind === 'waiting' && s.polls + 1 >= REFRESH_POLLS
          ? { kind: 'gave-up' }
          : { ...s, polls: s.kind === 'waiting' ? s.polls + 1 : 0 },
      );
    }, REFRESH_POLL_MS);
    return () => clearTimeout(timer);
  }, [state]);

  const start = async () => {
    if (state.kind === 'starting') return;
    setState({ kind: 'starting' });
    try {
      const result = await api.refresh();
      setState({
        kind: 'waiting',
        alreadyRunning: result === 'already-running',
        polls: 0,
      });
    } catch (e) {
      setState({
        kind: 'failed',
        message:
          e instanceof ResponseError && e.statusCode === 403 ? (
            <>
              You may not start a refresh: that needs the{' '}
              <code>ml-maturity.refresh</code> permission. It shows here after
              the next scheduled refresh.
            </>
          ) : (
            `Could not start a refresh: ${errorMessage(e)}`
          ),
      });
    }
  };

  return (
    <div className={classes.root}>
      <Typography variant="body2" component="p">
        The ML maturity backend refreshes every 30 minutes by default (your
        Backstage administrator may have set another schedule). To refresh now:
      </Typography>
      <Button
        size="small"
        variant="outlined"
        className={classes.button}
        onClick={start}
      >
        Refresh now
      </Button>
      <Typography
        variant="body2"
        component="div"
        aria-live="polite"
        className={classes.message}
      >
        {message(state)}
      </Typography>
    </div>
  );
}
