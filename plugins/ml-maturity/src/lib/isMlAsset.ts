import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_ASSET,
  ASSET_TYPES,
  DEFAULT_ASSET_TYPE_ALIASES,
} from '@aiml-service-kits/plugin-ml-maturity-common';

const KNOWN_TYPES = new Set<string>([
  ...ASSET_TYPES,
  ...Object.keys(DEFAULT_ASSET_TYPE_ALIASES).map(a => a.toLowerCase()),
]);

/**
 * True when the entity is an ML asset: it carries `ml-maturity.io/asset`, or
 * its `spec.type` is a word of the asset vocabulary or one of the default
 * aliases. Aliases added in backend config are not known here; annotate such
 * entities to get the card.
 * @public
 */
export function isMlAsset(entity: Entity): boolean {
  return hasMlType(entity, KNOWN_TYPES);
}

function hasMlType(entity: Entity, types: ReadonlySet<string>): boolean {
  if (entity.metadata.annotations?.[ANNOTATION_ASSET]) {
    return true;
  }
  const type = entity.spec?.type;
  return typeof type === 'string' && types.has(type.trim().toLowerCase());
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
  const types = new Set([
    ...KNOWN_TYPES,
    ...extraTypes.map(t => t.trim().toLowerCase()),
  ]);
  return entity => hasMlType(entity, types);
}

/**
 * True for entities that get a maturity assessment: Groups.
 * @public
 */
export function isMlMaturityTeam(entity: Entity): boolean {
  return entity.kind.toLowerCase() === 'group';
}
