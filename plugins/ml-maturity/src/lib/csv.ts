/**
 * What a spreadsheet reads as the start of a formula (or, for a tab or
 * carriage return, may skip to reach one): text starting so is prefixed
 * with `'`, so that a name such as `=HYPERLINK(…)` stays text (CSV
 * injection).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Quotes a CSV field when it holds a comma, quote or line break (RFC 4180).
 * Text that a spreadsheet would run as a formula is prefixed with `'`
 * first; numbers (ours, such as counts) stay numbers.
 */
export function csvField(value: string | number): string {
  const text =
    typeof value === 'string' && FORMULA_START.test(value)
      ? `'${value}`
      : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text, CRLF line ends. @internal */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>) {
  return rows.map(row => row.map(csvField).join(',')).join('\r\n');
}

/**
 * The UTF-8 byte order mark, put before a downloaded CSV file: without it
 * Excel reads the file in the system's legacy code page and garbles
 * non-ASCII text such as team names. Only for CSV, not JSON (RFC 8259
 * forbids a BOM there). @internal
 */
export const UTF8_BOM = '\uFEFF';
