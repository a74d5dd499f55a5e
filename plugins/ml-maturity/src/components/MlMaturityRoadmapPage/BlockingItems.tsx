import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  KitDefinition,
  RoadmapItem,
} from '@aiml-service-kits/plugin-ml-maturity-common';

const SHOWN = 10;

/**
 * What an item does to the teams it holds back: "holds back 3 teams; for 1
 * of them it is the last required item missing from that kit." `blocked`
 * teams lack the item, which is in their current kit (named beside this
 * text); for `completing` of them it is the only required item of that kit
 * still unmet.
 */
export function blockingText(blocked: number, completing: number): string {
  const teams = `${blocked} team${blocked === 1 ? '' : 's'}`;
  if (completing === 0) {
    return `holds back ${teams}.`;
  }
  if (completing === blocked) {
    return blocked === 1
      ? 'holds back 1 team; it is the last required item missing from that kit.'
      : `holds back ${teams}; for each of them it is the last required item missing from that kit.`;
  }
  return `holds back ${teams}; for ${completing} of them it is the last required item missing from that kit.`;
}

/** Team links listed under an item before "and N more". */
const TEAMS_SHOWN = 20;

/** The teams an item holds back, those it would level up first and marked. */
function BlockedTeams(props: { blocks: string[]; completes: string[] }) {
  const completing = new Set(props.completes);
  const ordered = [
    ...props.completes,
    ...props.blocks.filter(ref => !completing.has(ref)),
  ];
  const shown = ordered.slice(0, TEAMS_SHOWN);
  const more = ordered.length - shown.length;
  return (
    <details>
      <summary>
        <Typography variant="caption" component="span">
          Teams ({ordered.length})
        </Typography>
      </summary>
      <Typography variant="caption" component="p">
        {shown.map((ref, i) => (
          <span key={ref}>
            {i > 0 && ', '}
            <EntityRefLink entityRef={ref} defaultKind="group" />
            {completing.has(ref) && ' (levels up)'}
          </span>
        ))}
        {more > 0 && ` and ${more} more`}
      </Typography>
    </details>
  );
}

/** The items that hold back most teams, as the roadmap ranks them. */
export function BlockingItems(props: {
  items: RoadmapItem[];
  kits: KitDefinition[];
}) {
  const [showAll, setShowAll] = useState(false);
  const all = props.items.filter(i => i.blocks.length > 0);
  const blocking = showAll ? all : all.slice(0, SHOWN);
  if (blocking.length === 0) {
    return (
      <Typography variant="body2">
        No item holds back any team: every team has completed its current kit.
      </Typography>
    );
  }
  const definitions = new Map(
    props.kits.flatMap(k => k.items.map(i => [i.id, { item: i, kit: k }])),
  );
  const levelUps = all.filter(i => i.completes.length > 0).length;
  return (
    <>
      <Typography variant="body2" paragraph>
        A team works on its current kit: the lowest kit it has not completed. An
        item holds a team back when it is a required item of that kit the team
        has not met. Where it is the last one missing, meeting it completes the
        kit, and the team goes up a level
        {levelUps > 0 &&
          ` (${levelUps} of these ${all.length} items would level up a team)`}
        . Items holding back the most teams come first.
      </Typography>
      <ol aria-label="Blocking items">
        {blocking.map(item => {
          const def = definitions.get(item.id);
          const n = item.blocks.length;
          const m = item.completes.length;
          return (
            <li key={item.id}>
              <Typography variant="body2">
                <strong>{def?.item.title ?? item.id}</strong>
                {def && ` (${def.kit.title})`} {blockingText(n, m)}
                {m > 0 && (
                  <>
                    {' '}
                    <strong>
                      Levels up {m} team{m === 1 ? '' : 's'}.
                    </strong>
                  </>
                )}
              </Typography>
              {def?.item.howTo && (
                <Typography variant="caption" color="textSecondary">
                  {def.item.howTo}
                </Typography>
              )}
              <BlockedTeams blocks={item.blocks} completes={item.completes} />
            </li>
          );
        })}
      </ol>
      {all.length > SHOWN && (
        <Button size="small" onClick={() => setShowAll(!showAll)}>
          {showAll
            ? `Show the first ${SHOWN} only`
            : `Show all ${all.length} items (${SHOWN} shown)`}
        </Button>
      )}
    </>
  );
}
