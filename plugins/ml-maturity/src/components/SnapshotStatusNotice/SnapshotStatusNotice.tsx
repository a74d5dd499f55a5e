import Typography from '@material-ui/core/Typography';
import { WarningPanel } from '@backstage/core-components';
import type { SnapshotStatus } from '../../api';

function formatTime(iso: string) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/**
 * Says when the data was computed, and warns when the last refresh failed
 * (the API then serves the previous snapshot).
 * @internal
 */
export function SnapshotStatusNotice(props: { status: SnapshotStatus }) {
  const { stale, lastRefresh, lastError } = props.status;
  const refreshed = lastRefresh ? (
    <time dateTime={lastRefresh}>{formatTime(lastRefresh)}</time>
  ) : (
    'never'
  );
  if (stale) {
    return (
      <WarningPanel
        severity="warning"
        defaultExpanded
        title="This assessment may be out of date"
        message={
          <>
            The last refresh failed
            {lastError ? `: ${lastError}` : ''}. Showing the results of the last
            successful refresh ({refreshed}).
          </>
        }
      />
    );
  }
  return (
    <Typography variant="caption" color="textSecondary" component="p">
      Last refreshed: {refreshed}
    </Typography>
  );
}
