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
  if (entity.metadata.annotations?.[ANNOTATION_ASSET]) {
    return true;
  }
  const type = entity.spec?.type;
  return typeof type === 'string' && KNOWN_TYPES.has(type.trim().toLowerCase());
}

/**
 * True for entities that get a maturity assessment: Groups.
 * @public
 */
export function isMlMaturityTeam(entity: Entity): boolean {
  return entity.kind.toLowerCase() === 'group';
}
