/**
 * Control characters (C0 but tab and line feed, DEL, C1), bidi controls
 * and line or paragraph separators. From a catalog file they could move
 * the cursor, recolour or clear the terminal (escape sequences), or make a
 * line read as another (U+202E and the other bidi controls reorder the
 * text after them: "Trojan Source").
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching them is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\p{Bidi_Control}]/gu;

/**
 * Text for a terminal: each unsafe character shown as its escape (`\u202E`,
 * `\u001B`), as JSON writes it, instead of acting on the terminal. For the
 * CLI's human-readable output only; `--json` is data and stays as it is.
 * @internal
 */
export function terminalSafe(text: string): string {
  return text.replace(
    UNSAFE,
    c => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}
