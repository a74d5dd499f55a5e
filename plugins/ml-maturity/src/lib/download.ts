/** Offers `content` to the browser as a file download. @internal */
export function downloadFile(options: {
  filename: string;
  content: string;
  mimeType: string;
}): void {
  const blob = new Blob([options.content], { type: options.mimeType });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = options.filename;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  URL.revokeObjectURL(url);
}
