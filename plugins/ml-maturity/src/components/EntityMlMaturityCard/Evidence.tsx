import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { isHttpUrl } from '../../lib/evidence';

const SHOWN = 5;

/** Evidence entries: entity refs link to the catalog, http(s) URLs go out. */
export function Evidence(props: { evidence: string[] }) {
  const { evidence } = props;
  if (evidence.length === 0) {
    return null;
  }
  const shown = evidence.slice(0, SHOWN);
  return (
    <span>
      Evidence:{' '}
      {shown.map((entry, i) => (
        <span key={entry}>
          {i > 0 && ', '}
          {isHttpUrl(entry) ? (
            <Link to={entry}>{entry}</Link>
          ) : (
            <EntityRefLink entityRef={entry} />
          )}
        </span>
      ))}
      {evidence.length > SHOWN && ` and ${evidence.length - SHOWN} more`}
    </span>
  );
}
