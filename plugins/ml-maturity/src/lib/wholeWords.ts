/**
 * Table cell text that wraps between words, never a letter per line: set
 * inline, as the Backstage theme's `word-break: break-word` on every table
 * cell outranks a class. A table of such cells needs a box that scrolls
 * sideways on a phone.
 * @internal
 */
export const WHOLE_WORDS = {
  wordBreak: 'normal',
  overflowWrap: 'normal',
} as const;
