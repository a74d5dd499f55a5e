import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { ML_MATURITY_DOCS_URL } from '../../lib/docs';

/** A docs page an empty state links to. @internal */
export interface EmptyHintDocs {
  url: string;
  /** The link's text, which says what the page holds. */
  label: string;
}

const KITS_DOCS: EmptyHintDocs = {
  url: ML_MATURITY_DOCS_URL,
  label: 'Read the ML maturity docs: kits, items and annotations',
};

/**
 * An empty state that says what to add to the catalog, with the docs link
 * (the kits page unless `docs` names another).
 * @internal
 */
export function EmptyHint(props: {
  title: string;
  children: ReactNode;
  docs?: EmptyHintDocs;
}) {
  const docs = props.docs ?? KITS_DOCS;
  return (
    <div role="status">
      <Typography variant="subtitle1" component="p" gutterBottom>
        {props.title}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
      <Typography variant="body2">
        <Link to={docs.url}>{docs.label}</Link>
      </Typography>
    </div>
  );
}
