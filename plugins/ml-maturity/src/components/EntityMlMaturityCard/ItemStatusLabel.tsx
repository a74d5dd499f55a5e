import { StatusOK, StatusPending } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import type { ItemResult } from '@aiml-service-kits/plugin-ml-maturity-common';
import { VISUALLY_HIDDEN } from '../../lib/visuallyHidden';

const useStyles = makeStyles({
  // Read by screen readers, not shown: the visible status is aria-hidden
  // by Backstage's Status components.
  visuallyHidden: VISUALLY_HIDDEN,
});

/** An item's status in words, e.g. "Not met (optional)". @internal */
function itemStatusText(item: ItemResult): string {
  const suffix = item.required ? '' : ' (optional)';
  if (item.status === 'met') return `Met${suffix}`;
  if (item.status === 'attested') return `Attested${suffix}`;
  return `Not met${suffix}`;
}

/**
 * Status as icon plus words, never colour alone. Backstage's StatusOK and
 * StatusPending hide their text from assistive tech (`aria-hidden`), so the
 * same words are repeated in text that only screen readers get.
 */
export function ItemStatusLabel(props: { item: ItemResult }) {
  const classes = useStyles();
  const text = itemStatusText(props.item);
  const Status = props.item.status === 'unmet' ? StatusPending : StatusOK;
  return (
    <>
      <Status>{text}</Status>
      <span className={classes.visuallyHidden}>Status: {text}</span>
    </>
  );
}
