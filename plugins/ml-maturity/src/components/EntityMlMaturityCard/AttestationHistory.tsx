import { useState } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  isEvidenceUrl,
  type KitDefinition,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import type { Attestation, AttestationEvent } from '../../api';
import { ShowAllButton } from '../ShowAllButton';

/** The list's id (one team card per page). */
const LIST_ID = 'ml-maturity-attestation-history';

/** Attestations shown before "Show all". */
const SHOWN = 5;

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', padding: 0, margin: 0 },
  entry: {
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    wordBreak: 'break-word',
  },
  events: { margin: theme.spacing(0.5, 0, 0), paddingLeft: theme.spacing(2) },
  comment: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(1),
    borderLeft: `3px solid ${theme.palette.divider}`,
    // the attest dialog's comment field is multi-line: keep its line breaks
    whiteSpace: 'pre-wrap',
  },
}));

/** Later ISO times first. */
function compareDesc(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? 1 : -1;
}

function day(iso: string | undefined): string {
  return iso ? iso.slice(0, 10) : 'an unknown day';
}

/** A user who did something, linked, or nobody named when hidden. */
function Actor(props: { actorRef?: string }) {
  return props.actorRef ? (
    <>
      {' by '}
      <EntityRefLink entityRef={props.actorRef} defaultKind="user" />
    </>
  ) : null;
}

function statusText(attestation: Attestation, now: number): string {
  if (attestation.status === 'revoked' || attestation.revokedAt) {
    return `Revoked ${day(attestation.revokedAt)}`;
  }
  if (
    attestation.status === 'expired' ||
    Date.parse(attestation.expiresAt) <= now
  ) {
    return `Expired ${day(attestation.expiresAt)}`;
  }
  return `Active until ${day(attestation.expiresAt)}`;
}

function EventLine(props: { event: AttestationEvent }) {
  const { event } = props;
  return (
    <li>
      <Typography variant="caption">
        {day(event.at)}: {event.action === 'created' ? 'recorded' : 'revoked'}
        <Actor actorRef={event.actor} />
      </Typography>
    </li>
  );
}

/**
 * Every portal attestation of the team, newest first, with its status and
 * audit trail: what was attested, by whom, on what evidence, and when it
 * was revoked or expired. Users the caller may not read are not named.
 */
export function AttestationHistory(props: {
  attestations: Attestation[];
  kits: KitDefinition[];
  /** For tests: the time that decides what has expired. */
  now?: number;
}) {
  const { attestations, kits } = props;
  const classes = useStyles();
  const [all, setAll] = useState(false);
  const now = props.now ?? Date.now();
  // each item's title and its kit's: the checklist shows one kit only, so
  // an attestation of another kit's item says which kit to look in
  const titles = new Map<string, { title: string; kit: string }>();
  for (const kit of kits) {
    for (const item of kit.items) {
      titles.set(item.id, { title: item.title, kit: kit.title });
    }
  }
  // newest first; the API lists them oldest first
  const sorted = [...attestations].sort((a, b) => compareDesc(a.at, b.at));
  const shown = all ? sorted : sorted.slice(0, SHOWN);
  return (
    <>
      <Typography variant="body2" component="p" gutterBottom>
        Every attestation recorded in this portal for the team, newest first.
        Revoked and expired ones no longer count; their trail stays.
      </Typography>
      <ul className={classes.list} id={LIST_ID}>
        {shown.map(attestation => {
          const known = titles.get(attestation.itemId);
          // the creation is said in the entry's first lines
          const later = (attestation.events ?? []).filter(
            e => e.action !== 'created',
          );
          return (
            <li key={attestation.id} className={classes.entry}>
              <Typography variant="body2">
                <strong>{known?.title ?? attestation.itemId}</strong>
                {known ? ` (${known.kit})` : ' (an item no longer in the kits)'}
                {' · '}
                {statusText(attestation, now)}
              </Typography>
              <Typography variant="body2" color="textSecondary">
                Recorded
                <Actor actorRef={attestation.by} /> on {day(attestation.at)},
                evidence{' '}
                {isEvidenceUrl(attestation.url) ? (
                  <Link to={attestation.url}>{attestation.url}</Link>
                ) : (
                  attestation.url
                )}
              </Typography>
              {attestation.comment && (
                <Typography
                  variant="body2"
                  component="blockquote"
                  className={classes.comment}
                >
                  {attestation.comment}
                </Typography>
              )}
              {later.length > 0 && (
                <ul className={classes.events} aria-label="Audit trail">
                  {later.map(event => (
                    <EventLine key={event.id} event={event} />
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {sorted.length > SHOWN && (
        <ShowAllButton
          expanded={all}
          controls={LIST_ID}
          count={sorted.length}
          noun="attestations"
          onToggle={() => setAll(!all)}
        />
      )}
    </>
  );
}
