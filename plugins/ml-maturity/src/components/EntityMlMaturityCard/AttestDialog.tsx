import { useEffect, useRef, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { evidenceUrlProblem } from '@aiml-service-kits/plugin-ml-maturity-common';
import { ResponseError } from '@backstage/errors';
import { errorMessage, serverMessage } from '../../lib/errors';

/** The longest URL and comment `POST /attestations` takes. */
const MAX_LENGTH = 2000;

type Field = 'url' | 'comment';

/**
 * The field and problem of a 400 naming a field of the form
 * (`url: must be ...`), so that it is shown next to that field.
 */
function refusedField(
  error: unknown,
): { field: Field; problem: string } | undefined {
  if (!(error instanceof ResponseError) || error.statusCode !== 400) {
    return undefined;
  }
  const match = /^(url|comment): ([^]+)$/.exec(serverMessage(error) ?? '');
  return match ? { field: match[1] as Field, problem: match[2] } : undefined;
}

/** Props of {@link AttestDialog}. */
export interface AttestDialogProps {
  itemTitle: string;
  description?: string;
  onClose(): void;
  /** Records the attestation; a rejection is shown in the dialog. */
  onSubmit(values: { url: string; comment?: string }): Promise<void>;
  /** What was typed when the dialog was last closed unsent, shown again. */
  draft?: AttestDraft;
  /** Called with what is typed, as it changes. */
  onDraft?(draft: AttestDraft): void;
}

/** The fields of an attest dialog as typed. */
export interface AttestDraft {
  url: string;
  comment: string;
}

/** Asks for the evidence URL (required, http(s)) and an optional comment. */
export function AttestDialog(props: AttestDialogProps) {
  const { itemTitle, description, onClose, onSubmit, draft, onDraft } = props;
  const [url, setUrl] = useState(draft?.url ?? '');
  const [comment, setComment] = useState(draft?.comment ?? '');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  // what the API refused, shown next to its field until that field changes
  const [refused, setRefused] = useState<Partial<Record<Field, string>>>({});
  // A refused field takes the focus once it shows why, so that a screen
  // reader reads its error (the focus was on Attest, or lost while it was
  // disabled), and the user is where the fix goes.
  const urlInput = useRef<HTMLInputElement>(null);
  const commentInput = useRef<HTMLTextAreaElement>(null);
  const [focusField, setFocusField] = useState<Field>();
  useEffect(() => {
    if (focusField === undefined) return;
    (focusField === 'url' ? urlInput : commentInput).current?.focus();
    setFocusField(undefined);
  }, [focusField]);
  const trimmedUrl = url.trim();
  // the API's own tests: its length limit, then the classifier's test
  const urlProblem =
    trimmedUrl.length > MAX_LENGTH
      ? `must be at most ${MAX_LENGTH} characters`
      : evidenceUrlProblem(trimmedUrl);
  const urlValid = urlProblem === undefined;
  const shownUrlProblem =
    trimmedUrl !== '' && urlProblem ? urlProblem : refused.url;

  const submit = async () => {
    if (!urlValid || submitting) return;
    setSubmitting(true);
    setError(undefined);
    setRefused({});
    try {
      await onSubmit({ url: trimmedUrl, comment: comment.trim() || undefined });
    } catch (e) {
      const field = refusedField(e);
      if (field) {
        setRefused({ [field.field]: field.problem });
        setFocusField(field.field);
      } else {
        setError(errorMessage(e));
      }
      setSubmitting(false);
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="ml-maturity-attest-title">
      <DialogTitle id="ml-maturity-attest-title">
        Attest: {itemTitle}
      </DialogTitle>
      {/* a form, so that Enter in the URL field submits, as in any form */}
      <form
        noValidate
        onSubmit={e => {
          e.preventDefault();
          submit();
        }}
      >
        <DialogContent>
          {description && <DialogContentText>{description}</DialogContentText>}
          <DialogContentText>
            Vouch that your team meets this item. Link to the evidence, such as
            a process document or a decision record. The attestation expires and
            can be revoked.
          </DialogContentText>
          {error && (
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          )}
          {/* The dialog opens on a click on Attest: the focus goes to its
              one required field, as the WAI-ARIA dialog pattern advises,
              rather than to the dialog box, one Tab away from it. */}
          <TextField
            id="ml-maturity-attest-url"
            // eslint-disable-next-line jsx-a11y/no-autofocus -- see above: a dialog the user opened
            autoFocus
            required
            fullWidth
            margin="dense"
            label="Evidence URL"
            inputRef={urlInput}
            value={url}
            onChange={e => {
              setUrl(e.target.value);
              onDraft?.({ url: e.target.value, comment });
              setRefused(({ url: _, ...rest }) => rest);
            }}
            error={shownUrlProblem !== undefined}
            helperText={
              shownUrlProblem
                ? `The URL ${shownUrlProblem}`
                : 'An http(s) link to the evidence'
            }
          />
          <TextField
            id="ml-maturity-attest-comment"
            fullWidth
            multiline
            margin="dense"
            label="Comment (optional)"
            inputRef={commentInput}
            value={comment}
            onChange={e => {
              setComment(e.target.value);
              onDraft?.({ url, comment: e.target.value });
              setRefused(({ comment: _, ...rest }) => rest);
            }}
            error={refused.comment !== undefined}
            helperText={refused.comment && `The comment ${refused.comment}`}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={!urlValid || submitting}
          >
            Attest
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
