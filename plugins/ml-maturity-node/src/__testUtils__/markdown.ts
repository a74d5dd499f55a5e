/**
 * The ```yaml blocks of a markdown text, each with the last heading above
 * it. An unclosed block throws (rather than reading to the end).
 */
export function yamlBlocks(
  markdown: string,
): Array<{ heading: string; yaml: string }> {
  const blocks: Array<{ heading: string; yaml: string }> = [];
  let heading = '';
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith('#')) heading = lines[i];
    if (lines[i] === '```yaml') {
      const end = lines.indexOf('```', i + 1);
      if (end < 0) throw new Error(`unclosed yaml block at line ${i + 1}`);
      blocks.push({ heading, yaml: lines.slice(i + 1, end).join('\n') });
      i = end;
    }
  }
  return blocks;
}
