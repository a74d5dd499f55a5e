/**
 * Frontend of the ML maturity plugins: the team maturity card, the ML asset
 * card and the organisation's roadmap page.
 *
 * @packageDocumentation
 */
export {
  mlMaturityPlugin,
  MlMaturityRoadmapPage,
  EntityMlMaturityCard,
  EntityMlAssetCard,
} from './plugin';
export { rootRouteRef } from './routes';
export { isMlAsset, isMlMaturityTeam } from './lib/isMlAsset';
export * from './api';
export type { EntityMlMaturityCardProps } from './components/EntityMlMaturityCard';
export type { EntityMlAssetCardProps } from './components/EntityMlAssetCard';
