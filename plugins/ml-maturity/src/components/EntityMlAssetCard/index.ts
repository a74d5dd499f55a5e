export { EntityMlAssetCard } from './EntityMlAssetCard';
export type { EntityMlAssetCardProps } from './EntityMlAssetCard';
