import { useState } from 'react';
import Typography from '@material-ui/core/Typography';
import { Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { TeamRollup } from '@aiml-service-kits/plugin-ml-maturity-common';
import type { LevelKey } from '../../api';
import { useRollupLevels } from '../../hooks/useRollupLevels';
import { LEVELS } from '../../lib/levels';
import { LevelBadge } from '../LevelBadge';
import { LoadError } from '../LoadError';
import { ShowAllButton } from '../ShowAllButton';

/** Teams listed per level before "Show all" (an organisation may hold hundreds). */
const TEAMS_SHOWN = 10;

/** The teams of one level, each linked; the first few of a long list. */
function LevelTeams(props: { level: number; refs: string[] }) {
  const { level, refs } = props;
  const [all, setAll] = useState(false);
  const listId = `ml-maturity-rollup-level-${level}`;
  const collapsible = refs.length > TEAMS_SHOWN;
  const shown = collapsible && !all ? refs.slice(0, TEAMS_SHOWN) : refs;
  return (
    <>
      <ul id={listId} aria-label={`Teams at level ${level}`}>
        {shown.map(ref => (
          <li key={ref}>
            <EntityRefLink entityRef={ref} />
          </li>
        ))}
      </ul>
      {collapsible && (
        <ShowAllButton
          expanded={all}
          controls={listId}
          count={refs.length}
          noun={`teams at level ${level}`}
          onToggle={() => setAll(!all)}
        />
      )}
    </>
  );
}

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
      {loading && (
        <Progress aria-label="Loading the levels of the teams in this group" />
      )}
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
              <LevelTeams level={level} refs={refs} />
            </div>
          );
        })}
    </div>
  );
}
