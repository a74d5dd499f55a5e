import {
  ANNOTATION_ASSET,
  type AssetType,
  resolveAssetType,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import type { Entity } from '@backstage/catalog-model';

/** What an entity's own fields say about its asset type. @internal */
export interface EntityAssetType {
  /** The raw `ml-maturity.io/asset` value, when the entity has one. */
  annotation?: string;
  /** The raw `spec.type`, when it is a string. */
  specType?: string;
  /** The asset type the classifier gives it, as far as the frontend knows. */
  assetType?: AssetType;
  /** The annotation is set but is no asset type (nor a default alias). */
  annotationInvalid: boolean;
}

/**
 * Reads the asset type of an entity as the classifier does (spec §3), with
 * the default aliases only: those added in the backend's
 * `mlMaturity.assetTypeAliases` are not known here.
 * @internal
 */
export function entityAssetType(entity: Entity): EntityAssetType {
  const rawAnnotation = entity.metadata.annotations?.[ANNOTATION_ASSET];
  const annotation =
    typeof rawAnnotation === 'string' ? rawAnnotation : undefined;
  const rawType = entity.spec?.type;
  const specType = typeof rawType === 'string' ? rawType : undefined;
  const fromAnnotation =
    annotation !== undefined ? resolveAssetType(annotation) : undefined;
  return {
    annotation,
    specType,
    assetType: fromAnnotation ?? resolveAssetType(specType),
    annotationInvalid: annotation !== undefined && !fromAnnotation,
  };
}
