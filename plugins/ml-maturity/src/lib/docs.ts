/**
 * Where the empty states send people: the kit checklist and the annotations
 * that meet each item.
 * @internal
 */
export const ML_MATURITY_DOCS_URL =
  'https://github.com/aiml-service-kits/backstage-ml-maturity/blob/main/docs/kits.md';
