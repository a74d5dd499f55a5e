/** Quotes a CSV field when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text, CRLF line ends. @internal */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>) {
  return rows.map(row => row.map(csvField).join(',')).join('\r\n');
}
