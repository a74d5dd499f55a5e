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
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { mlMaturityApiRef } from '../../api';
import type { Attestation } from '../../api';
import { errorMessage } from '../../lib/errors';
import { AttestDialog } from './AttestDialog';
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
  // the item takes the focus after an attest or revoke (see below)
  focusable: {
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
}));

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
    onChanged,
  } = props;
  const classes = useStyles();
  const api = useApi(mlMaturityApiRef);
  const [attesting, setAttesting] = useState<JoinedItem>();
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
                {item.result.attestation?.by && (
                  <Typography variant="caption" component="div">
                    {/* a link to the user's page, with their display name */}
                    Attested by{' '}
                    <EntityRefLink
                      entityRef={item.result.attestation.by}
                      defaultKind="user"
                    />
                    {item.result.attestation.expiresAt &&
                      `, expires ${item.result.attestation.expiresAt.slice(
                        0,
                        10,
                      )}`}
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
                      ? 'Attested: it counts once the assessment refreshes (within seconds).'
                      : 'Revoked: it stops counting once the assessment refreshes (within seconds).'}
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
          <DialogContent>
            <DialogContentText>
              The item no longer counts for the team after the next refresh. The
              attestation stays in the audit trail; attest again to restore it.
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
          onSubmit={async ({ url, comment }) => {
            await api.createAttestation({
              entityRef: teamRef,
              itemId: attesting.result.id,
              url,
              comment,
            });
            setAttesting(undefined);
            setFocusItem(attesting.result.id);
            onChanged();
          }}
        />
      )}
    </>
  );
}
