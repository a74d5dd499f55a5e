export { parseCatalogYaml } from './parseCatalogYaml';
export { readCatalogFiles } from './readCatalogFiles';
export type { ReadCatalogFilesOptions } from './readCatalogFiles';
export type {
  EntitySource,
  ParsedCatalogYaml,
  ReadCatalogFilesResult,
  ReadError,
  SkippedDocument,
  SkipReason,
} from './types';
