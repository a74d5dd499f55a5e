import Button from '@material-ui/core/Button';

/**
 * The button under a list cut short: "Show all N" while cut, "Show fewer"
 * once open, telling assistive technology which list it opens.
 * @internal
 */
export function ShowAllButton(props: {
  /** Whether the whole list is shown. */
  expanded: boolean;
  /** The id of the list it opens. */
  controls: string;
  /** Items in the whole list. */
  count: number;
  /** What the items are, e.g. "teams at level 3"; none by default. */
  noun?: string;
  onToggle(): void;
}) {
  const { expanded, controls, count, noun, onToggle } = props;
  const suffix = noun ? ` ${noun}` : '';
  return (
    <Button
      size="small"
      aria-expanded={expanded}
      aria-controls={controls}
      onClick={onToggle}
    >
      {expanded ? `Show fewer${suffix}` : `Show all ${count}${suffix}`}
    </Button>
  );
}
