import { InputError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  containsControlCharacters,
  evidenceUrlProblem,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { z } from 'zod';
import { decodeCursor } from './AssessmentService';

/** Parses `input` or throws an InputError naming the first bad field. */
export function parse<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.join('.') || 'body';
    throw new InputError(`${field}: ${issue.message}`);
  }
  return result.data;
}

function isEntityRef(value: string): boolean {
  if (containsControlCharacters(value)) return false;
  try {
    parseEntityRef(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The longest entity ref the API takes: the stored columns hold 255
 * characters. (The catalog's default rules allow 63 per part, but an
 * implicit team is any ref an owner names, and the rules can be replaced.)
 */
const MAX_REF_LENGTH = 255;

/** An entity ref with a kind, normalised to lower-case `kind:namespace/name`. */
export const entityRefSchema = z
  .string()
  // the message of the path params' check (refFromParams): a well-formed
  // ref that is too long was told it was no entity ref
  .superRefine((value, ctx) => {
    if (value.length > MAX_REF_LENGTH) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `too long (${value.length} characters); an entity ref, kind:namespace/name, is at most ${MAX_REF_LENGTH} characters`,
        fatal: true,
      });
    }
  })
  .refine(isEntityRef, 'must be an entity ref, kind:namespace/name')
  .transform(value =>
    stringifyEntityRef(parseEntityRef(value)).toLocaleLowerCase('en-US'),
  );

const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day, YYYY-MM-DD')
  .refine(value => {
    const time = Date.parse(`${value}T00:00:00Z`);
    return (
      !Number.isNaN(time) && new Date(time).toISOString().startsWith(value)
    );
  }, 'must be a valid calendar day');

export const assessmentsQuerySchema = z.object({
  // digits only: Number() would also take 0x10, 1e3 or ' 7 '
  limit: z
    .string()
    .regex(/^\d+$/, 'must be a whole number between 1 and 5000')
    .optional()
    .transform(value => (value === undefined ? 5000 : Number(value)))
    .pipe(
      z
        .number()
        .min(1, 'must be a whole number between 1 and 5000')
        .max(5000, 'must be a whole number between 1 and 5000'),
    ),
  cursor: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const ref = decodeCursor(value);
      if (!ref) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: 'is not a valid cursor',
        });
        return z.NEVER;
      }
      return ref;
    }),
});

export const historyQuerySchema = z
  .object({
    entityRef: entityRefSchema.optional(),
    from: daySchema.optional(),
    to: daySchema.optional(),
  })
  .refine(q => !q.from || !q.to || q.from <= q.to, {
    message: 'must not be before from',
    path: ['to'],
  });

export const attestationsQuerySchema = z.object({
  entityRef: entityRefSchema,
});

export const createAttestationSchema = z.object({
  entityRef: entityRefSchema,
  itemId: z
    .string()
    .min(1, 'must not be empty')
    .max(255, 'must be at most 255 characters'),
  url: z
    .string()
    .trim()
    .max(2000, 'must be at most 2000 characters')
    // the classifier's own test (a URL it would ignore is refused here),
    // and no credentials or control characters
    .superRefine((value, ctx) => {
      const problem = evidenceUrlProblem(value);
      if (problem)
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    }),
  comment: z
    .string()
    .max(2000, 'must be at most 2000 characters')
    // PostgreSQL refuses NUL in text
    .refine(
      value => !containsControlCharacters(value, { allowLineBreaks: true }),
      'must not contain control characters (line breaks and tabs are fine)',
    )
    .optional(),
});

export const attestationIdSchema = z.object({
  // ids are stored in lower case; SQLite compares text case-sensitively
  id: z
    .string()
    .uuid('must be a UUID')
    .transform(id => id.toLowerCase()),
});

/**
 * `kind/namespace/name` route params as a lower-case entity ref. A ref
 * longer than any stored one is refused naming its longest part, rather
 * than echoed whole in a 404.
 */
export function refFromParams(params: {
  kind: string;
  namespace: string;
  name: string;
}): string {
  const { kind, namespace, name } = params;
  const withControl = Object.entries({ kind, namespace, name }).find(
    ([, part]) => containsControlCharacters(part),
  );
  if (withControl) {
    throw new InputError(
      `${withControl[0]}: must not contain control characters`,
    );
  }
  const ref = `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
  if (ref.length > MAX_REF_LENGTH) {
    const [field, value] = Object.entries({ kind, namespace, name }).reduce(
      (longest, part) => (part[1].length > longest[1].length ? part : longest),
    );
    throw new InputError(
      `${field}: too long (${value.length} characters); an entity ref, kind:namespace/name, is at most ${MAX_REF_LENGTH} characters`,
    );
  }
  return ref;
}
