import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useOrgHistory } from '../../hooks/useOrgHistory';
import { OrgLevelsChart } from '../OrgLevelsChart';

/** Teams per level over the last months. */
export function OrgHistorySection() {
  const { value, loading, error } = useOrgHistory();
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  return <OrgLevelsChart days={value?.days ?? []} />;
}
