import Typography from '@material-ui/core/Typography';
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

/** The items that hold back most teams, as the roadmap ranks them. */
export function BlockingItems(props: {
  items: RoadmapItem[];
  kits: KitDefinition[];
}) {
  const blocking = props.items.filter(i => i.blocks.length > 0).slice(0, SHOWN);
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
  return (
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
            </Typography>
            {def?.item.howTo && (
              <Typography variant="caption" color="textSecondary">
                {def.item.howTo}
              </Typography>
            )}
          </li>
        );
      })}
    </ol>
  );
}
