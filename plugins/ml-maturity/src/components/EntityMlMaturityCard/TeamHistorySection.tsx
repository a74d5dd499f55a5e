import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useTeamHistory } from '../../hooks/useTeamHistory';
import { LevelHistoryChart } from '../LevelHistoryChart';

/** The team's level over the last months. */
export function TeamHistorySection(props: { entityRef: string }) {
  const { value, loading, error } = useTeamHistory(props.entityRef);
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  return <LevelHistoryChart points={value?.points ?? []} />;
}
