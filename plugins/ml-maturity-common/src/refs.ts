import {
  CommonValidatorFunctions,
  KubernetesValidatorFunctions,
  parseEntityRef,
} from '@backstage/catalog-model';

/** Result of reading one reference: the normalised ref, or why it is not one. @internal */
export type RefResult = string | { error: string };

/** Character classes of the simple reference shape, as bit flags per ASCII code. */
const ALPHA = 1;
const DIGIT = 2;
const NAME_INNER = 4; // '-', '_' or '.': allowed inside a name only
const UPPER = 8;
const COLON = 16;
const SLASH = 32;
const DOT_OR_UNDERSCORE = 128; // not allowed in a namespace either
const CHAR_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[a-z]/.test(ch)) CHAR_CLASS[c] = ALPHA;
  if (/[A-Z]/.test(ch)) CHAR_CLASS[c] = ALPHA | UPPER;
  if (/[0-9]/.test(ch)) CHAR_CLASS[c] = DIGIT;
  if (ch === '-') CHAR_CLASS[c] = NAME_INNER;
  if (ch === '_' || ch === '.') CHAR_CLASS[c] = NAME_INNER | DOT_OR_UNDERSCORE;
  if (ch === ':') CHAR_CLASS[c] = COLON;
  if (ch === '/') CHAR_CLASS[c] = SLASH;
}

function charClass(code: number): number {
  return code < 128 ? CHAR_CLASS[code] : 0;
}

/**
 * Where the parts of a reference of the simple shape
 * `[kind:][namespace/]name` are, found by one scan of the characters that
 * also checks them (the fast path runs for every reference of a catalog,
 * so no regex and no allocation):
 * kind `[A-Za-z][A-Za-z0-9]*`, namespace `[A-Za-z0-9]+(-+[A-Za-z0-9]+)*`,
 * name `[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?`. Returns false for any
 * other shape. `colon` / `slash` are -1 when the part is absent.
 */
function scanSimpleRef(value: string, out: SimpleRefShape): boolean {
  const length = value.length;
  let colon = -1;
  let slash = -1;
  // The classes seen in the part being scanned, and in the kind and
  // namespace parts once they end.
  let part = 0;
  let kindPart = 0;
  let namespacePart = 0;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    const cls = code < 128 ? CHAR_CLASS[code] : 0;
    if (cls === 0) return false;
    if (cls === COLON) {
      if (colon !== -1 || slash !== -1) return false;
      colon = i;
      kindPart = part;
      part = 0;
    } else if (cls === SLASH) {
      if (slash !== -1) return false;
      slash = i;
      namespacePart = part;
      part = 0;
    } else {
      part |= cls;
    }
  }
  // kind: a letter, then letters and digits
  if (colon !== -1) {
    if (colon === 0 || !(CHAR_CLASS[value.charCodeAt(0)] & ALPHA)) {
      return false;
    }
    if (kindPart & NAME_INNER) return false;
  }
  // namespace: letters, digits and dashes, not starting or ending with a dash
  const nsStart = colon + 1;
  if (slash !== -1) {
    if (slash === nsStart) return false;
    if (value.charCodeAt(nsStart) === 45) return false;
    if (value.charCodeAt(slash - 1) === 45) return false;
    if (namespacePart & DOT_OR_UNDERSCORE) return false;
  }
  // name: starts and ends with a letter or digit
  const nameStart = slash !== -1 ? slash + 1 : nsStart;
  if (nameStart >= length) return false;
  if (CHAR_CLASS[value.charCodeAt(nameStart)] & NAME_INNER) return false;
  if (CHAR_CLASS[value.charCodeAt(length - 1)] & NAME_INNER) return false;
  out.colon = colon;
  out.slash = slash;
  out.upper = ((kindPart | namespacePart | part) & UPPER) !== 0;
  return true;
}

/**
 * `KubernetesValidatorFunctions.isValidObjectName` of the catalog model
 * (1-63 characters matching `^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$`),
 * by one scan of the characters rather than a regular expression: it runs
 * for every entity.
 * @internal
 */
export function isValidObjectName(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const length = value.length;
  if (length < 1 || length > 63) return false;
  for (let i = 0; i < length; i++) {
    const cls = charClass(value.charCodeAt(i));
    if ((cls & (ALPHA | DIGIT | NAME_INNER)) === 0) return false;
    if (cls & NAME_INNER && (i === 0 || i === length - 1)) return false;
  }
  return true;
}

interface SimpleRefShape {
  colon: number;
  slash: number;
  /** Whether the text has upper-case letters. */
  upper: boolean;
}

const shape: SimpleRefShape = { colon: -1, slash: -1, upper: false };

const MAX_REF_LENGTH = 1024;

/**
 * Parses an entity reference the way the catalog does (default kind and
 * namespace from the context) and returns it lower-case as
 * `kind:namespace/name`, or an error message. Never throws.
 * @internal
 */
export function parseRef(
  value: unknown,
  context: { defaultKind?: string; defaultNamespace: string },
): RefResult {
  return parseRefWithDefaults(
    value,
    context.defaultKind,
    context.defaultNamespace,
  );
}

/**
 * {@link parseRef} with the defaults as arguments: it runs for every
 * reference of a catalog, so no context object per call.
 * @internal
 */
export function parseRefWithDefaults(
  value: unknown,
  defaultKind: string | undefined,
  defaultNamespace: string,
): RefResult {
  if (typeof value !== 'string') {
    return { error: 'must be a string entity reference' };
  }
  if (value.length === 0 || value.length > MAX_REF_LENGTH) {
    return {
      error: `must be an entity reference [<kind>:][<namespace>/]<name> of 1 to ${MAX_REF_LENGTH} characters`,
    };
  }
  // Fast path for the common, valid shapes; anything else goes through the
  // catalog's parser for an exact error.
  if (value.length <= 200 && scanSimpleRef(value, shape)) {
    const { colon, slash } = shape;
    const nameStart = slash !== -1 ? slash + 1 : colon + 1;
    if (colon !== -1 && slash !== -1) {
      // Complete reference: the scan checked the kind, so only lengths remain.
      // Most are lower case already: returned as they are, since
      // toLowerCase would allocate a copy (and most refs are relation
      // targets: hundreds of thousands in a large catalog).
      if (
        colon <= 63 &&
        slash - colon - 1 <= 63 &&
        value.length - nameStart <= 63
      ) {
        return shape.upper ? value.toLowerCase() : value;
      }
    } else {
      const kind = colon !== -1 ? value.slice(0, colon) : defaultKind;
      const namespace =
        slash !== -1 ? value.slice(colon + 1, slash) : defaultNamespace;
      const name = value.slice(nameStart);
      if (
        kind &&
        kind.length <= 63 &&
        namespace.length <= 63 &&
        name.length <= 63 &&
        KubernetesValidatorFunctions.isValidKind(kind)
      ) {
        return `${kind}:${namespace}/${name}`.toLowerCase();
      }
    }
  }
  return parseRefSlowly(value, defaultKind, defaultNamespace);
}

/**
 * {@link parseRefWithDefaults} through the catalog model's parser and
 * validators only, without the fast path: the reference its fast path is
 * tested against. @internal
 */
export function parseRefSlowly(
  value: string,
  defaultKind: string | undefined,
  defaultNamespace: string,
): RefResult {
  let parsed: { kind: string; namespace: string; name: string };
  try {
    parsed = parseEntityRef(value, { defaultKind, defaultNamespace });
  } catch {
    if (!defaultKind && !/^[^:/]+:/.test(value)) {
      return {
        error:
          'has no kind and this field has no default kind: write it as <kind>:[<namespace>/]<name>, e.g. resource:default/my-bucket',
      };
    }
    return {
      error:
        'is not an entity reference of the form [<kind>:][<namespace>/]<name>',
    };
  }
  if (!KubernetesValidatorFunctions.isValidKind(parsed.kind)) {
    return { error: `has an invalid kind "${parsed.kind.slice(0, 63)}"` };
  }
  const namespace = parsed.namespace.toLowerCase();
  if (!CommonValidatorFunctions.isValidDnsLabel(namespace)) {
    return {
      error:
        'has an invalid namespace: use lower-case letters, digits and dashes (at most 63 characters)',
    };
  }
  if (!KubernetesValidatorFunctions.isValidObjectName(parsed.name)) {
    return {
      error:
        'does not name a valid entity: names are 1-63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit (e-mail addresses and templates are not entity names)',
    };
  }
  return `${parsed.kind}:${namespace}/${parsed.name}`.toLowerCase();
}
