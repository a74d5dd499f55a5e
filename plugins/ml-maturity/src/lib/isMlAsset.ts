import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_ASSET,
  resolveAssetType,
} from '@aiml-service-kits/plugin-ml-maturity-common';

/**
 * True when the entity is an ML asset: it carries `ml-maturity.io/asset`, or
 * its `spec.type` is a word of the asset vocabulary or one of the default
 * aliases. Aliases added in backend config are not known here; annotate such
 * entities to get the card.
 * @public
 */
export function isMlAsset(entity: Entity): boolean {
  return (
    Boolean(entity.metadata.annotations?.[ANNOTATION_ASSET]) ||
    resolveAssetType(entity.spec?.type) !== undefined
  );
}

/**
 * {@link isMlAsset} that also takes `spec.type` values of `extraTypes`
 * (the aliases an administrator added in the backend's
 * `mlMaturity.assetTypeAliases`, which the frontend does not see).
 * @internal
 */
export function mlAssetFilter(
  extraTypes: ReadonlyArray<string> | undefined,
): (entity: Entity) => boolean {
  if (!extraTypes || extraTypes.length === 0) {
    return isMlAsset;
  }
  const extra = new Set(extraTypes.map(t => t.trim().toLowerCase()));
  return entity => {
    const type = entity.spec?.type;
    return (
      isMlAsset(entity) ||
      (typeof type === 'string' && extra.has(type.trim().toLowerCase()))
    );
  };
}

/**
 * True for entities that get a maturity assessment: Groups.
 * @public
 */
export function isMlMaturityTeam(entity: Entity): boolean {
  return entity.kind.toLowerCase() === 'group';
}
