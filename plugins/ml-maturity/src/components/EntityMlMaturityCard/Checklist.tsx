import { useEffect, useRef, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_ATTEST_PREFIX,
  isEvidenceUrl,
  type ItemAttestation,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { mlMaturityApiRef } from '../../api';
import type { Attestation } from '../../api';
import { errorMessage } from '../../lib/errors';
import { AttestDialog, type AttestDraft } from './AttestDialog';
import { Evidence } from './Evidence';
import { ItemStatusLabel } from './ItemStatusLabel';
import { itemAction, pendingChange, type JoinedItem } from './joinItems';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', padding: 0, margin: 0 },
  item: {
    display: 'flex',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  details: { flex: 1, minWidth: 0, wordBreak: 'break-word' },
  // the evidence URL and annotation key break rather than overflow the
  // dialog on a phone
  revokeText: { wordBreak: 'break-word' },
  // the item takes the focus after an attest or revoke (see below)
  focusable: {
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
}));

const DAY_MS = 24 * 60 * 60 * 1000;
/** A portal attestation this close to its expiry says how many days are left. */
const SOON_DAYS = 30;

/**
 * When a portal attestation expires: its day, and how soon when it is close;
 * or that it has expired (the assessment counts it until the next refresh).
 */
function expiryText(expiresAt: string, now: number = Date.now()): string {
  const day = expiresAt.slice(0, 10);
  const left = Date.parse(expiresAt) - now;
  if (Number.isNaN(left)) return `, expires ${expiresAt}`;
  if (left <= 0) {
    return `, expired ${day}: it stops counting at the next refresh`;
  }
  if (left >= SOON_DAYS * DAY_MS) return `, expires ${day}`;
  const days = Math.floor(left / DAY_MS);
  let soon = 'in less than a day';
  if (days === 1) soon = 'in 1 day';
  else if (days > 1) soon = `in ${days} days`;
  return `, expires ${day} (${soon})`;
}

/** Who attested an item and until when, or that it is attested as code. */
function AttestedBy(props: { itemId: string; attestation: ItemAttestation }) {
  const { itemId, attestation } = props;
  if (attestation.source === 'annotation') {
    return (
      <>
        Attested as code: the{' '}
        <code>
          {ANNOTATION_ATTEST_PREFIX}
          {itemId}
        </code>{' '}
        annotation on the team's Group, which does not expire
      </>
    );
  }
  return (
    <>
      {attestation.by ? (
        <>
          {/* a link to the user's page, with their display name */}
          Attested by{' '}
          <EntityRefLink entityRef={attestation.by} defaultKind="user" />
        </>
      ) : (
        // the caller may not read the User who attested
        'Attested in the portal'
      )}
      {attestation.expiresAt && expiryText(attestation.expiresAt)}
    </>
  );
}

/** Props of {@link Checklist}. */
export interface ChecklistProps {
  teamRef: string;
  kitTitle: string;
  items: JoinedItem[];
  /** Undefined while loading or when they failed to load: no actions then. */
  attestations?: Attestation[];
  /** Whether the user may attest and revoke for this team: no actions otherwise. */
  canAttest: boolean;
  /** When the shown assessment was computed (its `lastRefresh`). */
  snapshotAt?: string | null;
  /**
   * The card stopped reloading while a change was still pending: the
   * refresh takes longer than the usual seconds.
   */
  waitedOut?: boolean;
  /** Called after an attestation was recorded or revoked. */
  onChanged(): void;
}

/** The current kit's items with status, evidence and attest / revoke. */
export function Checklist(props: ChecklistProps) {
  const {
    teamRef,
    kitTitle,
    items,
    attestations,
    canAttest,
    snapshotAt,
    waitedOut,
    onChanged,
  } = props;
  const classes = useStyles();
  const api = useApi(mlMaturityApiRef);
  const [attesting, setAttesting] = useState<JoinedItem>();
  const drafts = useRef(new Map<string, AttestDraft>());
  const [revoking, setRevoking] = useState<{
    item: JoinedItem;
    attestation: Attestation;
  }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // After an attest or revoke the button that opened the dialog gives way to
  // the other one (or is disabled while the revoke runs), so the dialog
  // cannot hand the focus back to it: the item takes it instead, so that
  // keyboard and screen reader users stay where they were.
  const itemElements = useRef(new Map<string, HTMLLIElement>());
  const [focusItem, setFocusItem] = useState<string>();
  useEffect(() => {
    if (focusItem === undefined) return;
    itemElements.current.get(focusItem)?.focus();
    setFocusItem(undefined);
  }, [focusItem]);

  const revoke = async (item: JoinedItem, id: string) => {
    setError(undefined);
    setBusy(true);
    try {
      await api.revokeAttestation(id);
      setRevoking(undefined);
      setFocusItem(item.result.id);
      onChanged();
    } catch (e) {
      setRevoking(undefined);
      setFocusItem(item.result.id);
      setError(`Could not revoke the attestation: ${errorMessage(e)}`);
      // e.g. revoked by someone else meanwhile (409): show the list as it is
      onChanged();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {error && (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      )}
      {attestations &&
        !canAttest &&
        items.some(item => item.definition?.attestable) && (
          <Typography variant="caption" component="p" color="textSecondary">
            Members of this team can attest the items that need it; you are not
            one of them (or not allowed to attest).
          </Typography>
        )}
      <ul className={classes.list} aria-label={`Checklist of the ${kitTitle}`}>
        {items.map(item => {
          const action =
            attestations && canAttest
              ? itemAction(item, attestations)
              : undefined;
          const pending =
            attestations && pendingChange(item, attestations, snapshotAt);
          return (
            <li
              key={item.result.id}
              className={`${classes.item} ${classes.focusable}`}
              tabIndex={-1}
              ref={element => {
                if (element) {
                  itemElements.current.set(item.result.id, element);
                } else {
                  itemElements.current.delete(item.result.id);
                }
              }}
            >
              <div className={classes.details}>
                <Typography variant="body2" component="div">
                  <strong>{item.title}</strong>{' '}
                  <Typography variant="caption" color="textSecondary">
                    ({item.result.dimension})
                  </Typography>
                </Typography>
                <Typography variant="body2" component="div">
                  <ItemStatusLabel item={item.result} />
                </Typography>
                <Typography variant="caption" component="div">
                  <Evidence evidence={item.result.evidence} />
                </Typography>
                {item.result.status === 'attested' &&
                  item.result.attestation && (
                    <Typography variant="caption" component="div">
                      <AttestedBy
                        itemId={item.result.id}
                        attestation={item.result.attestation}
                      />
                    </Typography>
                  )}
                {item.result.reason && (
                  <Typography variant="caption" component="div">
                    {item.result.reason}
                  </Typography>
                )}
                {pending && (
                  <Typography
                    variant="caption"
                    component="div"
                    color="textSecondary"
                    role="status"
                  >
                    {pending === 'attested'
                      ? 'Attested: it counts once the assessment refreshes'
                      : 'Revoked: it stops counting once the assessment refreshes'}
                    {waitedOut
                      ? '. That refresh is taking longer than usual (a large catalog, or a refresh already running): reload the page in a few minutes.'
                      : ' (within seconds).'}
                  </Typography>
                )}
              </div>
              {action?.kind === 'attest' && (
                <Button
                  size="small"
                  variant="outlined"
                  aria-label={`Attest ${item.title}`}
                  onClick={() => setAttesting(item)}
                >
                  Attest
                </Button>
              )}
              {action?.kind === 'revoke' && (
                <Button
                  size="small"
                  aria-label={`Revoke attestation of ${item.title}`}
                  disabled={busy}
                  onClick={() =>
                    setRevoking({ item, attestation: action.attestation })
                  }
                >
                  Revoke
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {revoking && (
        <Dialog
          open
          onClose={() => !busy && setRevoking(undefined)}
          aria-labelledby="ml-maturity-revoke-title"
        >
          <DialogTitle id="ml-maturity-revoke-title">
            Revoke the attestation of {revoking.item.title}?
          </DialogTitle>
          <DialogContent className={classes.revokeText}>
            <DialogContentText>
              {revoking.attestation.by ? (
                <>
                  Recorded by{' '}
                  <EntityRefLink
                    entityRef={revoking.attestation.by}
                    defaultKind="user"
                  />
                </>
              ) : (
                'Recorded'
              )}{' '}
              on {revoking.attestation.at.slice(0, 10)}, with the evidence{' '}
              {isEvidenceUrl(revoking.attestation.url) ? (
                <Link to={revoking.attestation.url}>
                  {revoking.attestation.url}
                </Link>
              ) : (
                revoking.attestation.url
              )}
              .
            </DialogContentText>
            <DialogContentText>
              {revoking.item.result.attestation?.source === 'annotation'
                ? `The item still counts for the team: it is attested as code too (the ${ANNOTATION_ATTEST_PREFIX}${revoking.item.result.id} annotation on the team's Group). `
                : 'The item no longer counts for the team after the next refresh. '}
              The attestation stays in the audit trail; attest again to restore
              it.
            </DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setRevoking(undefined)} disabled={busy}>
              Cancel
            </Button>
            <Button
              color="secondary"
              disabled={busy}
              onClick={() => revoke(revoking.item, revoking.attestation.id)}
            >
              Revoke
            </Button>
          </DialogActions>
        </Dialog>
      )}
      {attesting && (
        <AttestDialog
          itemTitle={attesting.title}
          description={attesting.definition?.description}
          onClose={() => setAttesting(undefined)}
          // closed unsent (Escape, a click beside it, Cancel), what was
          // typed comes back when the dialog opens again
          draft={drafts.current.get(attesting.result.id)}
          onDraft={draft => drafts.current.set(attesting.result.id, draft)}
          onSubmit={async ({ url, comment }) => {
            await api.createAttestation({
              entityRef: teamRef,
              itemId: attesting.result.id,
              url,
              comment,
            });
            drafts.current.delete(attesting.result.id);
            setAttesting(undefined);
            setFocusItem(attesting.result.id);
            onChanged();
          }}
        />
      )}
    </>
  );
}
