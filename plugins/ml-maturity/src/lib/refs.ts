import { parseEntityRef } from '@backstage/catalog-model';

/** The lower-case kind of an entity ref, or undefined when it does not parse. */
export function refKind(ref: string): string | undefined {
  try {
    return parseEntityRef(ref).kind.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Whether a ref names a User. */
export function isUserRef(ref: string): boolean {
  return refKind(ref) === 'user';
}
