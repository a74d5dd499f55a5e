import { isUnrenderedTemplate } from '@aiml-service-kits/plugin-ml-maturity-common';
import { Document, parseAllDocuments, Scalar, visit } from 'yaml';
import { EntitySource, ParsedCatalogYaml, SkippedDocument } from './types';

/**
 * How many alias dereferences one document may make: the `yaml` default,
 * stated here because it is what stops "billion laughs" documents.
 */
const MAX_ALIAS_COUNT = 100;

/** Substrings that mark a scaffolder or other template, not an entity. */
const TEMPLATE_MARKERS = ['${{', '{{', '{%'] as const;

/**
 * Where a template placeholder first appears in a document's text: outside
 * YAML comments (a `#` at the start of a line or after white space, not
 * inside a quoted value), unless `inComments` says to count them too. A
 * comment that mentions `{{` makes no template, as the classifier, which
 * sees only keys and values, agrees.
 */
function findTemplateMarker(
  text: string,
  inComments = false,
): { marker: string; index: number } | undefined {
  let found: { marker: string; index: number } | undefined;
  for (const marker of TEMPLATE_MARKERS) {
    let index = text.indexOf(marker);
    while (index >= 0 && !inComments && inComment(text, index)) {
      index = text.indexOf(marker, index + marker.length);
    }
    // the earliest (a `${{` starts before the `{{` it holds)
    if (index >= 0 && (!found || index < found.index)) {
      found = { marker, index };
    }
  }
  return found;
}

function inComment(text: string, index: number): boolean {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  // Quoted scalars on the line before it dropped (a `'` opens one only at
  // the start of a value, so the apostrophe of "it's" does not).
  const before = text
    .slice(lineStart, index)
    .replace(/"(?:[^"\\]|\\.)*"|(^|[\s:,[{-])'(?:[^']|'')*'/g, '$1');
  const hash = before.search(/(^|\s)#/);
  return hash >= 0 && !/"|(^|[\s:,[{-])'/.test(before.slice(0, hash));
}

/**
 * The 1-based line of each offset of a text, found by a binary search over
 * the offsets where lines start (made on first use: most files have
 * nothing to report).
 */
function lineFinder(text: string): (offset: number) => number {
  let starts: number[] | undefined;
  return offset => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        starts.push(i + 1);
      }
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}

/**
 * Where the quoted scalar that a "Missing closing quote" error at `errorAt`
 * belongs to starts: the last one that runs up to the error.
 */
function unclosedQuoteStart(
  doc: Document,
  errorAt: number,
): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Scalar(_key, node: Scalar) {
      if (
        (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') &&
        node.range &&
        node.range[1] === errorAt &&
        (found === undefined || node.range[0] > found)
      ) {
        found = node.range[0];
      }
    },
  });
  return found;
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
  if (apiVersion === undefined) {
    return 'not an entity: no apiVersion (a Backstage entity has one starting with backstage.io/)';
  }
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
  const sources: EntitySource[] = [];
  const skipped: SkippedDocument[] = [];
  const lineAt = lineFinder(text);
  const skip = (
    documentIndex: number,
    offset: number,
    category: SkippedDocument['category'],
    reason: string,
  ) =>
    skipped.push({
      file: fileName,
      documentIndex,
      line: lineAt(offset),
      category,
      reason,
    });

  let documents: ReadonlyArray<
    Pick<Document, 'contents' | 'errors' | 'range' | 'toJS'>
  >;
  try {
    // logLevel 'error': the library's warnings (a template's `{{ x }}` key
    // stringified, say) would go to the process, not to the report.
    documents = parseAllDocuments(text, {
      prettyErrors: true,
      logLevel: 'error',
    });
  } catch (error) {
    // yaml reports problems per document; this is for the unforeseen.
    skip(0, 0, 'parse-error', `YAML parse error: ${firstLine(String(error))}`);
    return { entities, sources, skipped };
  }

  documents.forEach((doc, index) => {
    const [start, , end] = doc.range ?? [0, 0, text.length];
    const raw = text.slice(start, end);
    const skipTemplate = () => {
      // where to look: outside comments if the text says, else the first
      const marker = findTemplateMarker(raw) ?? findTemplateMarker(raw, true);
      skip(
        index,
        start + (marker?.index ?? 0),
        'template',
        marker
          ? `template placeholder "${marker.marker}" found, not an entity`
          : 'template placeholder found, not an entity',
      );
    };
    // A placeholder often breaks the YAML: such a document is reported as
    // the template it is, not as a parse error.
    if (doc.errors.length > 0 && findTemplateMarker(raw)) {
      skipTemplate();
      return;
    }
    if (doc.errors.length > 0) {
      const [error] = doc.errors;
      const errorAt = error.pos?.[0] ?? start;
      // An unclosed quote runs to the end of the file (swallowing the
      // documents after it), where the parser reports it: point at the
      // opening quote instead, which is what needs fixing.
      const quoteAt =
        error.code === 'MISSING_CHAR'
          ? unclosedQuoteStart(doc as Document, errorAt)
          : undefined;
      skip(
        index,
        quoteAt ?? errorAt,
        'parse-error',
        `YAML parse error: ${firstLine(error.message)}${
          quoteAt === undefined
            ? ''
            : ` (the quoted value that starts at line ${lineAt(
                quoteAt,
              )} is never closed: add its closing quote)`
        }`,
      );
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      skip(
        index,
        doc.contents?.range?.[0] ?? start,
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
    // The classifier's own rule, so that the CLI skips (and reports) what
    // the classifier would skip, and nothing else.
    if (isUnrenderedTemplate(value)) {
      skipTemplate();
      return;
    }
    const reason = notEntityReason(value);
    if (reason) {
      skip(index, doc.contents?.range?.[0] ?? start, 'not-entity', reason);
      return;
    }
    entities.push(value);
    sources.push({
      file: fileName,
      line: lineAt(doc.contents?.range?.[0] ?? start),
    });
  });

  return { entities, sources, skipped };
}
