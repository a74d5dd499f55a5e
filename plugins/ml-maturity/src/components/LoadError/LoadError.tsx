import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { ReactNode } from 'react';
import { ResponseError } from '@backstage/errors';
import {
  mlMaturityAssessmentReadPermission,
  NO_ASSESSMENT_REFRESH_FAILED_MESSAGE_START,
  NO_ASSESSMENT_YET_MESSAGE,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import {
  isNetworkError,
  serverMessage,
  UNREACHABLE_MESSAGE,
} from '../../lib/errors';

const useStyles = makeStyles(theme => ({
  message: { wordBreak: 'break-word' },
  retry: { marginTop: theme.spacing(1) },
}));

function statusOf(error: Error): number | undefined {
  return error instanceof ResponseError ? error.statusCode : undefined;
}

/** Props of {@link LoadError}. @internal */
export interface LoadErrorProps {
  error: Error;
  /** Loads again; without it, no Retry button. */
  onRetry?: () => void;
  /**
   * What failed to load, read after "Could not load", e.g. "the attestations".
   * Defaults to "the ML maturity results".
   */
  what?: string;
  /**
   * Said after what failed, whatever failed, e.g. that the results shown
   * with it are the last ones loaded.
   */
  note?: string;
}

/**
 * A 503, which has three causes: no refresh has finished yet (wait), none
 * has succeeded and the last one failed (waiting alone may not help), or
 * the catalog could not say what the caller may see (results exist; try
 * again shortly).
 */
function Unavailable(props: {
  error: ResponseError;
  note: ReactNode;
  retry: ReactNode;
}) {
  const message = serverMessage(props.error) ?? '';
  let title: string;
  let detail: string;
  if (message.startsWith(NO_ASSESSMENT_REFRESH_FAILED_MESSAGE_START)) {
    title = 'No ML maturity results yet: the last refresh failed.';
    detail = `The backend tries again on its schedule. If this stays, ask your Backstage administrator to check the ML maturity backend's logs. The refresh failed with: ${message.slice(
      NO_ASSESSMENT_REFRESH_FAILED_MESSAGE_START.length,
    )}`;
  } else if (!message || message.startsWith(NO_ASSESSMENT_YET_MESSAGE)) {
    title = 'No ML maturity results yet.';
    detail =
      'The backend assesses every team shortly after it starts and then on its schedule; the first results appear when that refresh finishes.';
  } else {
    title = 'The ML maturity results cannot be shown right now.';
    detail = `${message} (${props.error.statusCode} ${
      props.error.statusText || 'Service Unavailable'
    })`;
  }
  return (
    <div role="status">
      <Typography variant="subtitle1" component="p" gutterBottom>
        {title}
      </Typography>
      <Typography variant="body2" component="p" gutterBottom>
        {detail}
      </Typography>
      {props.note}
      {props.retry}
    </div>
  );
}

/**
 * A 403: the permission its message names ("Permission <name> denied", as
 * Backstage's permission checks say it, e.g. the catalog's own), else the
 * read permission of this plugin's routes; and what else the answer said.
 */
function Denied(props: {
  error: ResponseError;
  note: ReactNode;
  retry: ReactNode;
}) {
  const message = serverMessage(props.error);
  const named = message?.match(/\bpermission ([\w.:-]+) denied/i)?.[1];
  const permission = named ?? mlMaturityAssessmentReadPermission.name;
  return (
    <div role="status">
      <Typography variant="body2" component="p" color="textSecondary">
        You are not allowed to see ML maturity results. Ask your Backstage
        administrator for the <code>{permission}</code> permission.
        {!named && message && ` (The backend answered: ${message})`}
      </Typography>
      {props.note}
      {props.retry}
    </div>
  );
}

/** The answer's status in words, e.g. "500 Internal Server Error". */
function statusText(error: ResponseError): string {
  return [error.statusCode, error.statusText].filter(Boolean).join(' ');
}

/**
 * A load failure as a user should read it: no results yet (503, the first
 * refresh has not finished) and no access (403) are states, not crashes;
 * anything else says what failed and why in plain words: the backend could
 * not be reached, or it answered with an error, whose message is shown.
 * Each offers a retry when it is given one.
 * @internal
 */
export function LoadError(props: LoadErrorProps) {
  const { error, onRetry, what = 'the ML maturity results' } = props;
  const classes = useStyles();
  const status = statusOf(error);
  const retry = onRetry && (
    <Button
      size="small"
      variant="outlined"
      onClick={onRetry}
      className={classes.retry}
    >
      Retry
    </Button>
  );
  const note = props.note && (
    <Typography variant="body2" component="p">
      {props.note}
    </Typography>
  );
  if (status === 503) {
    return (
      <Unavailable error={error as ResponseError} note={note} retry={retry} />
    );
  }
  if (status === 403) {
    // a retry helps once the permission is granted: no reload needed
    return <Denied error={error as ResponseError} note={note} retry={retry} />;
  }

  let title: string;
  let detail: string;
  if (isNetworkError(error)) {
    title = UNREACHABLE_MESSAGE;
    detail = `The browser got no answer while loading ${what} (${error.message}). Check your network connection, or ask your Backstage administrator whether the backend is running.`;
  } else if (error instanceof ResponseError) {
    title = `Could not load ${what}`;
    const message = serverMessage(error);
    const answer = `The ML maturity backend answered ${statusText(error)}`;
    detail = message ? `${answer}: ${message}` : answer;
    if (!/[.!?…]$/.test(detail)) {
      detail += '.';
    }
    if (status === 401) {
      detail += ' Your Backstage session may have expired: reload the page.';
    }
  } else {
    title = `Could not load ${what}`;
    detail = error.message || String(error);
  }
  return (
    <Alert severity="error">
      <AlertTitle>{title}</AlertTitle>
      <Typography variant="body2" component="p" className={classes.message}>
        {detail}
      </Typography>
      {note}
      {retry}
    </Alert>
  );
}
