import {
  CommonValidatorFunctions,
  KubernetesValidatorFunctions,
  parseEntityRef,
} from '@backstage/catalog-model';

/** Result of reading one reference: the normalised ref, or why it is not one. @internal */
export type RefResult = string | { error: string };

/** `[kind:][namespace/]name` with characters the catalog accepts (lengths checked after). */
const SIMPLE_REF =
  /^(?:([A-Za-z][A-Za-z0-9]*):)?(?:([A-Za-z0-9]+(?:-+[A-Za-z0-9]+)*)\/)?([A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;

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
  const match = value.length <= 200 ? SIMPLE_REF.exec(value) : null;
  if (match) {
    const kind = match[1] ?? context.defaultKind;
    const namespace = match[2] ?? context.defaultNamespace;
    const name = match[3];
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
  let parsed: { kind: string; namespace: string; name: string };
  try {
    parsed = parseEntityRef(value, {
      defaultKind: context.defaultKind,
      defaultNamespace: context.defaultNamespace,
    });
  } catch {
    if (!context.defaultKind && !/^[^:/]+:/.test(value)) {
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

/** The kind part of a normalised ref. @internal */
export function refKind(ref: string): string {
  return ref.slice(0, ref.indexOf(':'));
}
