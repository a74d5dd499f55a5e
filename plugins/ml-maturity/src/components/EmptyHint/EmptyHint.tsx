import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { ML_MATURITY_DOCS_URL } from '../../lib/docs';

/**
 * An empty state that says what to add to the catalog, with the docs link.
 * @internal
 */
export function EmptyHint(props: { title: string; children: ReactNode }) {
  return (
    <div role="status">
      <Typography variant="subtitle1" component="p" gutterBottom>
        {props.title}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
      <Typography variant="body2">
        <Link to={ML_MATURITY_DOCS_URL}>
          Read the ML maturity docs: kits, items and annotations
        </Link>
      </Typography>
    </div>
  );
}
