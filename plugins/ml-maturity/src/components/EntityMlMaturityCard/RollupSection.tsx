import Typography from '@material-ui/core/Typography';
import { Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { TeamRollup } from '@aiml-service-kits/plugin-ml-maturity-common';
import type { LevelKey } from '../../api';
import { useRollupLevels } from '../../hooks/useRollupLevels';
import { LEVELS } from '../../lib/levels';
import { LevelBadge } from '../LevelBadge';
import { LoadError } from '../LoadError';

/** A parent group's descendant teams, grouped by level, each linked. */
export function RollupSection(props: { rollup: TeamRollup }) {
  const { rollup } = props;
  const { value, loading, error, retry } = useRollupLevels(rollup.teams);
  return (
    <div>
      <Typography variant="body2" component="div" gutterBottom>
        {rollup.teams.length} team{rollup.teams.length === 1 ? '' : 's'} in this
        group. Everything they own and use together reaches{' '}
        <LevelBadge level={rollup.level} subject="Combined level" />.
      </Typography>
      {loading && <Progress />}
      {error && !loading && (
        <LoadError
          error={error}
          what="the levels of the teams in this group"
          onRetry={retry}
        />
      )}
      {value &&
        [...LEVELS].reverse().map(level => {
          const refs = value[String(level) as LevelKey];
          const total = rollup.levels[String(level) as LevelKey] ?? 0;
          if (total === 0 && refs.length === 0) {
            return null;
          }
          return (
            <div key={level}>
              <Typography variant="body2" component="div">
                <LevelBadge level={level} /> {total} team
                {total === 1 ? '' : 's'}
              </Typography>
              <ul aria-label={`Teams at level ${level}`}>
                {refs.map(ref => (
                  <li key={ref}>
                    <EntityRefLink entityRef={ref} />
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
    </div>
  );
}
