import { ReactNode, useState } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { Finding } from '@aiml-service-kits/plugin-ml-maturity-common';
import { refKind } from '../../lib/refs';
import { ShowAllButton } from '../ShowAllButton';

/** Findings shown before "Show all". */
const FINDINGS_SHOWN = 5;

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', padding: 0, margin: 0 },
  item: {
    padding: theme.spacing(0.75, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    wordBreak: 'break-word',
  },
  code: { whiteSpace: 'pre-wrap' },
}));

/**
 * An entity of a finding: a link to its page, or plain text for a ref that
 * names no catalog entity (`unknown:default/unreadable`, a document that
 * could not be read).
 */
function FindingEntity(props: { entityRef: string }) {
  const kind = refKind(props.entityRef);
  if (kind === undefined || kind === 'unknown') {
    return <>{props.entityRef}</>;
  }
  return <EntityRefLink entityRef={props.entityRef} />;
}

/** Props of {@link FindingsList}. */
export interface FindingsListProps {
  findings: Finding[];
  /** The list's accessible name. */
  label: string;
  /** Name each finding's entity (off when all are about the same entity). */
  showEntity?: boolean;
  /** Further advice under a finding's message, when some applies. */
  advice?(finding: Finding): ReactNode;
}

/**
 * Findings as the user should read them: which entity, which field and
 * value, and the finding's own message, which says what to fix. Long lists
 * show their first few with a "Show all" toggle.
 */
export function FindingsList(props: FindingsListProps) {
  const { findings, label, showEntity = false, advice } = props;
  const shown = FINDINGS_SHOWN;
  const classes = useStyles();
  const [all, setAll] = useState(false);
  const listId = `ml-maturity-findings-${label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')}`;
  const collapsible = findings.length > shown;
  const visible = collapsible && !all ? findings.slice(0, shown) : findings;
  return (
    <>
      <ul id={listId} className={classes.list} aria-label={label}>
        {visible.map(f => (
          <li
            key={`${f.entityRef}|${f.field}|${f.value}|${f.message}`}
            className={classes.item}
          >
            <Typography variant="body2" component="div">
              {showEntity && (
                <>
                  <FindingEntity entityRef={f.entityRef} />
                  {', '}
                </>
              )}
              <code className={classes.code}>{f.field}</code>
              {' = '}
              <code className={classes.code}>
                {f.value === '' ? '""' : f.value}
              </code>
            </Typography>
            <Typography variant="body2" component="div">
              {f.message}
            </Typography>
            {advice?.(f)}
          </li>
        ))}
      </ul>
      {collapsible && (
        <ShowAllButton
          expanded={all}
          controls={listId}
          count={findings.length}
          onToggle={() => setAll(!all)}
        />
      )}
    </>
  );
}
