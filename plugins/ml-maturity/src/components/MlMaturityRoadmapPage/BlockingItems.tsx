import Typography from '@material-ui/core/Typography';
import type {
  KitDefinition,
  RoadmapItem,
} from '@aiml-service-kits/plugin-ml-maturity-common';

const SHOWN = 10;

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
              {def && ` (${def.kit.title})`} holds back {n} team
              {n === 1 ? '' : 's'}; it is the last item of their current kit for{' '}
              {m} of them.
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
