import { Document, parseAllDocuments } from 'yaml';
import { ParsedCatalogYaml, SkippedDocument } from './types';

/**
 * How many alias dereferences one document may make: the `yaml` default,
 * stated here because it is what stops "billion laughs" documents.
 */
const MAX_ALIAS_COUNT = 100;

/** Substrings that mark a scaffolder or other template, not an entity. */
const TEMPLATE_MARKERS = ['${{', '{{', '{%'] as const;

function findTemplateMarker(text: string): string | undefined {
  return TEMPLATE_MARKERS.find(marker => text.includes(marker));
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0].trim().replace(/:$/, '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) {
    return 'missing';
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Why a parsed document is not a Backstage entity (spec §2), or undefined
 * when it is one.
 */
function notEntityReason(doc: unknown): string | undefined {
  if (!isRecord(doc)) {
    return `not an entity: expected a mapping at the root, got ${
      Array.isArray(doc) ? 'a sequence' : typeof doc
    }`;
  }
  const { apiVersion, kind, metadata } = doc;
  if (
    typeof apiVersion !== 'string' ||
    !apiVersion.startsWith('backstage.io/')
  ) {
    return `not an entity: apiVersion ${describe(
      apiVersion,
    )} does not start with backstage.io/`;
  }
  if (typeof kind !== 'string' || kind.trim() === '') {
    return `not an entity: kind is ${describe(kind)}`;
  }
  const name = isRecord(metadata) ? metadata.name : undefined;
  if (typeof name !== 'string' || name.trim() === '') {
    return `not an entity: metadata.name is ${describe(
      name,
    )}, expected a string`;
  }
  return undefined;
}

/**
 * Parses the text of one catalog YAML file into entity documents. Pure and
 * total: it never throws; every document it does not return as an entity is
 * in `skipped` with its index and the reason (template placeholders, YAML
 * errors, excessive aliases, documents that are not Backstage entities).
 * Empty documents (a trailing `---`, a file of comments) are ignored
 * silently, as the catalog does.
 *
 * @public
 */
export function parseCatalogYaml(
  text: string,
  fileName: string,
): ParsedCatalogYaml {
  const entities: unknown[] = [];
  const skipped: SkippedDocument[] = [];
  const skip = (
    documentIndex: number,
    category: SkippedDocument['category'],
    reason: string,
  ) => skipped.push({ file: fileName, documentIndex, category, reason });

  let documents: ReadonlyArray<Pick<Document, 'errors' | 'range' | 'toJS'>>;
  try {
    documents = parseAllDocuments(text, { prettyErrors: true });
  } catch (error) {
    // yaml reports problems per document; this is for the unforeseen.
    skip(0, 'parse-error', `YAML parse error: ${firstLine(String(error))}`);
    return { entities, skipped };
  }

  documents.forEach((doc, index) => {
    const [start, , end] = doc.range ?? [0, 0, text.length];
    const raw = text.slice(start, end);
    const marker = findTemplateMarker(raw);
    if (marker) {
      skip(
        index,
        'template',
        `template placeholder "${marker}" found, not an entity`,
      );
      return;
    }
    if (doc.errors.length > 0) {
      skip(
        index,
        'parse-error',
        `YAML parse error: ${firstLine(doc.errors[0].message)}`,
      );
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      skip(
        index,
        'parse-error',
        `YAML error: ${firstLine(
          String(error instanceof Error ? error.message : error),
        )}`,
      );
      return;
    }
    if (value === null || value === undefined) {
      return;
    }
    const reason = notEntityReason(value);
    if (reason) {
      skip(index, 'not-entity', reason);
      return;
    }
    entities.push(value);
  });

  return { entities, skipped };
}
