import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { ResponseErrorPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import { errorMessage } from '../../lib/errors';

function statusOf(error: Error): number | undefined {
  return error instanceof ResponseError ? error.statusCode : undefined;
}

/**
 * A load failure as a user should read it: no results yet (503, the first
 * refresh has not finished) and no access (403) are states, not crashes;
 * anything else is an error panel. Each offers a retry.
 * @internal
 */
export function LoadError(props: { error: Error; onRetry?: () => void }) {
  const { error, onRetry } = props;
  const status = statusOf(error);
  const retry = onRetry && (
    <Button size="small" variant="outlined" onClick={onRetry}>
      Retry
    </Button>
  );
  if (status === 503) {
    return (
      <div role="status">
        <Typography variant="subtitle1" component="p" gutterBottom>
          No ML maturity results yet.
        </Typography>
        <Typography variant="body2" component="p" gutterBottom>
          The backend assesses every team shortly after it starts and then on
          its schedule; the first results appear when that refresh finishes. (
          {errorMessage(error)})
        </Typography>
        {retry}
      </div>
    );
  }
  if (status === 403) {
    return (
      <div role="status">
        <Typography variant="body2" component="p" color="textSecondary">
          You are not allowed to see ML maturity results. Ask your Backstage
          administrator for the <code>ml-maturity.assessment.read</code>{' '}
          permission.
        </Typography>
      </div>
    );
  }
  return (
    <>
      <ResponseErrorPanel error={error} />
      {retry}
    </>
  );
}
