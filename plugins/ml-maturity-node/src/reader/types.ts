/** Why a YAML document was not passed on as an entity. @public */
export type SkipReason = 'template' | 'not-entity' | 'parse-error';

/**
 * A YAML document that was read but not used as an entity.
 * @public
 */
export interface SkippedDocument {
  /** The file as it was reached (the given path, or the given directory joined with the file's relative path). */
  file: string;
  /** Index of the document in its file, counting from 0. */
  documentIndex: number;
  /**
   * The line (from 1) to look at: of the first template placeholder, of
   * the YAML error (where the `yaml` parser reports it: for an unclosed
   * bracket, the end of the document; for an unclosed quote, which the
   * parser reports at the end of the file, the opening quote), or else of
   * the document's first
   * content (after its `---` and any comments).
   */
  line: number;
  /** The category, for filtering and counting. */
  category: SkipReason;
  /** Human-readable reason. */
  reason: string;
}

/**
 * A path that could not be read at all (missing, unreadable, too large).
 * @public
 */
export interface ReadError {
  file: string;
  reason: string;
}

/** Where an entity was read from. @public */
export interface EntitySource {
  file: string;
  /** The line (from 1) of the document's first content. */
  line: number;
}

/** Result of {@link parseCatalogYaml}. @public */
export interface ParsedCatalogYaml {
  /** Documents that look like Backstage entities, as plain objects. */
  entities: unknown[];
  /** Where each entity starts, by position in `entities`. */
  sources: EntitySource[];
  skipped: SkippedDocument[];
}

/** Result of {@link readCatalogFiles}. @public */
export interface ReadCatalogFilesResult {
  entities: unknown[];
  /** Where each entity was read from, by position in `entities`. */
  sources: EntitySource[];
  skipped: SkippedDocument[];
  errors: ReadError[];
  /** Number of files that were read and parsed (whatever they held). */
  filesRead: number;
}
