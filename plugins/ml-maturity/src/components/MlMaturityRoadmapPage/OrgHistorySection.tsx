import { Progress } from '@backstage/core-components';
import { useOrgHistory } from '../../hooks/useOrgHistory';
import { LoadError } from '../LoadError';
import { OrgLevelsChart } from '../OrgLevelsChart';

/** Teams per level over the last months. */
export function OrgHistorySection() {
  const { value, loading, error, retry } = useOrgHistory();
  if (loading) {
    return (
      <Progress aria-label="Loading the number of teams per level over time" />
    );
  }
  if (error) {
    return (
      <LoadError
        error={error}
        what="the number of teams per level over time"
        onRetry={retry}
      />
    );
  }
  return <OrgLevelsChart days={value?.days ?? []} />;
}
