/**
 * Vertical positions for labels that each want to sit at a y (such as the
 * end labels of a chart's lines), at least `gap` apart so that none
 * overlap, each as near its own y as that allows and within `min`..`max`.
 *
 * Labels closer than `gap` form a block, `gap` apart, centred on the mean
 * of the y's they want (so two labels close together move apart by the
 * same amount, in opposite directions); blocks that then touch merge, and a
 * block is shifted inside `min`..`max`. The order of the labels is kept.
 * Returns the positions in the order of `wanted`.
 * @internal
 */
export function spreadLabels(
  wanted: ReadonlyArray<number>,
  options: { gap: number; min: number; max: number },
): number[] {
  const { gap, min, max } = options;
  /** Top of a block of `size` labels centred on `centre`, shifted inside the bounds. */
  const blockTop = (centre: number, size: number) => {
    const height = (size - 1) * gap;
    const top = centre - height / 2;
    // a block taller than the bounds starts at the top
    return Math.max(min, Math.min(top, max - height));
  };
  const order = wanted
    .map((y, index) => ({ y, index }))
    .sort((a, b) => a.y - b.y || a.index - b.index);

  const blocks: Array<{ top: number; labels: typeof order }> = [];
  for (const label of order) {
    blocks.push({ top: blockTop(label.y, 1), labels: [label] });
    // merge with the block above while the two overlap
    while (blocks.length > 1) {
      const below = blocks[blocks.length - 1];
      const above = blocks[blocks.length - 2];
      const aboveBottom = above.top + (above.labels.length - 1) * gap;
      if (below.top - aboveBottom >= gap) break;
      const labels = [...above.labels, ...below.labels];
      const centre = labels.reduce((sum, l) => sum + l.y, 0) / labels.length;
      blocks.splice(-2, 2, { top: blockTop(centre, labels.length), labels });
    }
  }

  const placed = new Array<number>(wanted.length);
  for (const block of blocks) {
    block.labels.forEach((label, i) => {
      placed[label.index] = block.top + i * gap;
    });
  }
  return placed;
}
