import { Progress } from '@backstage/core-components';
import { useTeamHistory } from '../../hooks/useTeamHistory';
import { LevelHistoryChart } from '../LevelHistoryChart';
import { LoadError } from '../LoadError';

/** The team's level over the last months. */
export function TeamHistorySection(props: { entityRef: string }) {
  const { value, loading, error, retry } = useTeamHistory(props.entityRef);
  if (loading) {
    return <Progress aria-label="Loading the team's level history" />;
  }
  if (error) {
    return (
      <LoadError
        error={error}
        what="the team's level history"
        onRetry={retry}
      />
    );
  }
  return <LevelHistoryChart points={value?.points ?? []} />;
}
