import { useState } from 'react';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import {
  KIT_IDS,
  type KitDefinition,
  type RoadmapItem,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { TeamName } from './TeamName';

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

/** The Transformer kit, which level-5 teams work on. */
const LAST_KIT = KIT_IDS[KIT_IDS.length - 1];

/**
 * Whether completing a kit of `kit` raises a team's level: not for the last
 * kit (completing it sets `kitsCompleted` to 5; there is no sixth level).
 */
function levelsUp(kit: string): boolean {
  return kit !== LAST_KIT;
}

/** The teams an item holds back, those whose kit it would complete first and marked. */
function BlockedTeams(props: {
  blocks: string[];
  completes: string[];
  /** What completing the kit does for a team, e.g. "levels up". */
  completeNote: string;
  implicitTeams: ReadonlySet<string>;
}) {
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
            <TeamName
              entityRef={ref}
              implicit={props.implicitTeams.has(ref)}
              defaultKind="group"
            />
            {completing.has(ref) && ` (${props.completeNote})`}
          </span>
        ))}
        {more > 0 && ` and ${more} more`}
      </Typography>
    </details>
  );
}

type Order = 'blocks' | 'completes';

/** The items by the kits they complete, then as the roadmap ranks them. */
function byCompletes(items: RoadmapItem[]): RoadmapItem[] {
  // a stable sort keeps the roadmap's order (teams held back) among ties
  return [...items].sort((a, b) => b.completes.length - a.completes.length);
}

const NO_IMPLICIT_TEAMS: ReadonlySet<string> = new Set();

/** Props of {@link BlockingItems}. @internal */
export interface BlockingItemsProps {
  items: RoadmapItem[];
  kits: KitDefinition[];
  /** Teams without a Group entity: named as text, not linked. */
  implicitTeams?: ReadonlySet<string>;
}

/**
 * The items that hold back most teams, as the roadmap ranks them or by the
 * kits they would complete, and the one item that completes the most kits.
 */
export function BlockingItems(props: BlockingItemsProps) {
  const implicitTeams = props.implicitTeams ?? NO_IMPLICIT_TEAMS;
  const [showAll, setShowAll] = useState(false);
  const [order, setOrder] = useState<Order>('blocks');
  const all = props.items.filter(i => i.blocks.length > 0);
  const ordered = order === 'completes' ? byCompletes(all) : all;
  const blocking = showAll ? ordered : ordered.slice(0, SHOWN);
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
  const titleOf = (item: RoadmapItem) =>
    definitions.get(item.id)?.item.title ?? item.id;
  const kitTitleOf = (item: RoadmapItem) =>
    props.kits.find(k => k.id === item.kit)?.title ?? item.kit;
  const levelUps = all.filter(
    i => i.completes.length > 0 && levelsUp(i.kit),
  ).length;
  const lastKitTitle =
    props.kits.find(k => k.id === LAST_KIT)?.title ?? LAST_KIT;
  const [best] = byCompletes(all);
  const bestCount = best.completes.length;
  return (
    <>
      <Typography variant="body2" paragraph>
        A team works on its current kit: the lowest kit it has not completed. An
        item holds a team back when it is a required item of that kit the team
        has not met. Where it is the last one missing, meeting it completes the
        kit, and the team goes up a level
        {levelUps > 0 &&
          ` (${levelUps} of these ${all.length} items would level up a team)`}
        ; a team on the last kit ({lastKitTitle}) is at level 5, the top, and
        stays there when it completes it.
      </Typography>
      <Typography variant="body2" paragraph>
        {bestCount > 0 ? (
          <>
            Meeting <strong>{titleOf(best)}</strong> ({kitTitleOf(best)}) would
            complete the most kits: the current kit of {bestCount} team
            {bestCount === 1 ? '' : 's'}.
          </>
        ) : (
          'No single item completes a kit yet: every team held back lacks two or more required items of its current kit.'
        )}
      </Typography>
      <FormControl component="fieldset">
        <FormLabel component="legend">Order items by</FormLabel>
        <RadioGroup
          row
          name="ml-maturity-blocking-order"
          value={order}
          onChange={e => setOrder(e.target.value as Order)}
        >
          <FormControlLabel
            value="blocks"
            control={<Radio size="small" />}
            label="Teams held back"
          />
          <FormControlLabel
            value="completes"
            control={<Radio size="small" />}
            label="Kits completed"
          />
        </RadioGroup>
      </FormControl>
      <ol aria-label="Blocking items">
        {blocking.map(item => {
          const def = definitions.get(item.id);
          const n = item.blocks.length;
          const m = item.completes.length;
          const teams = `${m} team${m === 1 ? '' : 's'}`;
          return (
            <li key={item.id}>
              <Typography variant="body2">
                <strong>{titleOf(item)}</strong> ({kitTitleOf(item)}){' '}
                {blockingText(n, m)}
                {m > 0 && (
                  <>
                    {' '}
                    <strong>
                      {levelsUp(item.kit)
                        ? `Levels up ${teams}.`
                        : `Completes the kit for ${teams}.`}
                    </strong>
                  </>
                )}
              </Typography>
              {def?.item.howTo && (
                <Typography variant="caption" color="textSecondary">
                  {def.item.howTo}
                </Typography>
              )}
              <BlockedTeams
                blocks={item.blocks}
                completes={item.completes}
                completeNote={
                  levelsUp(item.kit) ? 'levels up' : 'completes the kit'
                }
                implicitTeams={implicitTeams}
              />
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
