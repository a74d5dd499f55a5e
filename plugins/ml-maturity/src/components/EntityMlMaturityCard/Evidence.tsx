import { useEffect, useRef, useState } from 'react';
import MuiLink from '@material-ui/core/Link';
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { isEvidenceUrl } from '@aiml-service-kits/plugin-ml-maturity-common';

const SHOWN = 5;

/**
 * Evidence entries: entity refs link to the catalog, http(s) URLs go out.
 * Long lists show their first entries and a button for the rest.
 */
export function Evidence(props: { evidence: string[] }) {
  const { evidence } = props;
  const [all, setAll] = useState(false);
  // The "N more" button goes once pressed: the focus moves to the first
  // entry it showed rather than falling back to the top of the page.
  const firstMore = useRef<HTMLSpanElement>(null);
  const [moveFocus, setMoveFocus] = useState(false);
  useEffect(() => {
    if (!moveFocus) return;
    firstMore.current?.querySelector<HTMLElement>('a, button')?.focus();
    setMoveFocus(false);
  }, [moveFocus]);
  if (evidence.length === 0) {
    return null;
  }
  const shown = all ? evidence : evidence.slice(0, SHOWN);
  const hidden = evidence.length - shown.length;
  return (
    <span>
      Evidence:{' '}
      {shown.map((entry, i) => (
        <span key={entry} ref={i === SHOWN ? firstMore : undefined}>
          {i > 0 && ', '}
          {isEvidenceUrl(entry) ? (
            <Link to={entry}>{entry}</Link>
          ) : (
            <EntityRefLink entityRef={entry} />
          )}
        </span>
      ))}
      {hidden > 0 && (
        <>
          {' and '}
          <MuiLink
            component="button"
            variant="caption"
            onClick={() => {
              setAll(true);
              setMoveFocus(true);
            }}
          >
            {hidden} more
          </MuiLink>
        </>
      )}
    </span>
  );
}
