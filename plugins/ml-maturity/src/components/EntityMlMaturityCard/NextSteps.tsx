import Typography from '@material-ui/core/Typography';
import type { JoinedItem } from './joinItems';

/** What to add to the catalog (or attest) for each unmet item, required first. */
export function NextSteps(props: { items: JoinedItem[] }) {
  const unmet = props.items
    .filter(i => i.result.status === 'unmet')
    .sort((a, b) => Number(b.result.required) - Number(a.result.required));
  if (unmet.length === 0) {
    return (
      <Typography variant="body2">
        Every item of this kit is met or attested.
      </Typography>
    );
  }
  return (
    <ol aria-label="Next steps">
      {unmet.map(item => (
        <li key={item.result.id}>
          <Typography variant="body2">
            <strong>{item.title}</strong>
            {item.result.required ? '' : ' (optional)'}:{' '}
            {item.definition?.howTo ?? 'See the kit definition.'}
          </Typography>
        </li>
      ))}
    </ol>
  );
}
