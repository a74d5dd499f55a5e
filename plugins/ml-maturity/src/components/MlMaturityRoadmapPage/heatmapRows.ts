import {
  KIT_IDS,
  type KitId,
  type RoadmapTeam,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { toCsv } from '../../lib/csv';
import { levelNameOf } from '../../lib/levels';

/** Share of a kit's required items that a team meets, 0..100. */
export function kitPercent(team: RoadmapTeam, kitId: KitId): number {
  const kit = team.kits.find(k => k.id === kitId);
  if (!kit) {
    return 0;
  }
  return kit.total > 0 ? Math.round((kit.met / kit.total) * 100) : 100;
}

/** Filters of the heat map. */
export interface HeatmapFilter {
  search: string;
  /** Parent group ref; empty for all. */
  parent: string;
}

/**
 * The teams a search (in the ref or the display name, ignoring case) and a
 * parent filter keep.
 */
export function filterTeams(
  teams: RoadmapTeam[],
  filter: HeatmapFilter,
  titles: ReadonlyMap<string, string> = new Map(),
): RoadmapTeam[] {
  const search = filter.search.trim().toLowerCase();
  const parent = filter.parent.toLowerCase();
  return teams.filter(
    team =>
      (!search ||
        team.entityRef.toLowerCase().includes(search) ||
        (titles.get(team.entityRef)?.toLowerCase().includes(search) ??
          false)) &&
      (!parent || (team.parent ?? '').toLowerCase() === parent),
  );
}

/** A team's name as the page shows it: its title, else the name in its ref. */
export function teamName(
  entityRef: string,
  titles: ReadonlyMap<string, string>,
): string {
  return titles.get(entityRef) ?? entityRef.slice(entityRef.indexOf('/') + 1);
}

/** The teams by the name the page shows (then by ref), as people look for them. */
export function sortByName(
  teams: RoadmapTeam[],
  titles: ReadonlyMap<string, string>,
): RoadmapTeam[] {
  const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
  return [...teams].sort(
    (a, b) =>
      collator.compare(
        teamName(a.entityRef, titles),
        teamName(b.entityRef, titles),
      ) || (a.entityRef < b.entityRef ? -1 : 1),
  );
}

/**
 * The heat map rows as CSV: team ref, its display name, parent ref and the
 * parent's display name (the name the page shows), level, levelName, then per kit the % met and the required items met and in all
 * (`starter`, `starterMet`, `starterTotal`, ...).
 */
export function heatmapCsv(
  teams: RoadmapTeam[],
  titles: ReadonlyMap<string, string> = new Map(),
): string {
  const header = [
    'team',
    'title',
    'parent',
    'parentTitle',
    'level',
    'levelName',
    ...KIT_IDS.flatMap(id => [id, `${id}Met`, `${id}Total`]),
  ];
  const rows = teams.map(team => [
    team.entityRef,
    titles.get(team.entityRef) ?? '',
    team.parent ?? '',
    (team.parent && titles.get(team.parent)) ?? '',
    team.level,
    team.levelName ?? levelNameOf(team.level),
    ...KIT_IDS.flatMap(kitId => {
      const kit = team.kits.find(k => k.id === kitId);
      return [kitPercent(team, kitId), kit?.met ?? 0, kit?.total ?? 0];
    }),
  ]);
  return `${toCsv([header, ...rows])}\r\n`;
}

/** A column the heat map sorts by: the team's name, its level or a kit's %. */
export type HeatmapSortKey = 'name' | 'level' | KitId;

/** The heat map's order. */
export interface HeatmapSort {
  key: HeatmapSortKey;
  direction: 'asc' | 'desc';
}

/**
 * The teams in the order of a column (teams of equal value by name, A to Z,
 * whichever the direction), from teams already sorted by name.
 */
export function sortTeams(
  byName: RoadmapTeam[],
  sort: HeatmapSort,
): RoadmapTeam[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  if (sort.key === 'name') {
    return sign === 1 ? byName : [...byName].reverse();
  }
  const key = sort.key;
  const value = (team: RoadmapTeam) =>
    key === 'level' ? team.level : kitPercent(team, key);
  // a stable sort keeps the name order among equal values
  return [...byName].sort((a, b) => sign * (value(a) - value(b)));
}
