const DOCS_BASE =
  'https://github.com/aiml-service-kits/backstage-ml-maturity/blob/main/docs';

/**
 * Where the empty states send people: the kit checklist and the annotations
 * that meet each item.
 * @internal
 */
export const ML_MATURITY_DOCS_URL = `${DOCS_BASE}/kits.md`;

/**
 * Every `ml-maturity.io/*` annotation, with a catalog-info.yaml to copy per
 * asset type: where the asset card's empty states send people.
 * @internal
 */
export const ML_MATURITY_ANNOTATIONS_DOCS_URL = `${DOCS_BASE}/annotations.md`;
