import type { Entity } from '@backstage/catalog-model';

/** The file an entity is read from, as the catalog records it. @internal */
export interface SourceFile {
  /** Its file name, e.g. `catalog-info.yaml`. */
  name: string;
  /** Where to edit it (`backstage.io/edit-url`), else to view it, when known. */
  url?: string;
}

const httpUrl = (value: unknown): string | undefined =>
  typeof value === 'string' && /^https?:\/\//i.test(value.trim())
    ? value.trim()
    : undefined;

/**
 * The entity's file from `backstage.io/managed-by-location` (`url:` or
 * `file:`), with the catalog's `backstage.io/edit-url` or `view-url` to open
 * it; undefined when the catalog did not record one.
 * @internal
 */
export function sourceFileOf(entity: Entity): SourceFile | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const location = annotations['backstage.io/managed-by-location'];
  const match =
    typeof location === 'string'
      ? /^(url|file):(.+)$/.exec(location.trim())
      : null;
  if (!match) {
    return undefined;
  }
  let path = match[2];
  if (match[1] === 'url') {
    try {
      path = new URL(path).pathname;
    } catch {
      return undefined;
    }
  }
  const segment = path.split(/[\\/]/).filter(Boolean).pop();
  if (!segment) {
    return undefined;
  }
  let name = segment;
  try {
    name = decodeURIComponent(segment);
  } catch {
    // keep it as written
  }
  return {
    name,
    url:
      httpUrl(annotations['backstage.io/edit-url']) ??
      httpUrl(annotations['backstage.io/view-url']) ??
      (match[1] === 'url' ? httpUrl(match[2]) : undefined),
  };
}
