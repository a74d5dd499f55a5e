import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { evidenceUrlProblem } from '@aiml-service-kits/plugin-ml-maturity-common';
import { errorMessage } from '../../lib/errors';

/** Props of {@link AttestDialog}. */
export interface AttestDialogProps {
  itemTitle: string;
  description?: string;
  onClose(): void;
  /** Records the attestation; a rejection is shown in the dialog. */
  onSubmit(values: { url: string; comment?: string }): Promise<void>;
}

/** Asks for the evidence URL (required, http(s)) and an optional comment. */
export function AttestDialog(props: AttestDialogProps) {
  const { itemTitle, description, onClose, onSubmit } = props;
  const [url, setUrl] = useState('');
  const [comment, setComment] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const trimmedUrl = url.trim();
  // the classifier's own test, which the API applies too
  const urlProblem = evidenceUrlProblem(trimmedUrl);
  const urlValid = urlProblem === undefined;

  const submit = async () => {
    if (!urlValid || submitting) return;
    setSubmitting(true);
    setError(undefined);
    try {
      await onSubmit({ url: trimmedUrl, comment: comment.trim() || undefined });
    } catch (e) {
      setError(errorMessage(e));
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
            value={url}
            onChange={e => setUrl(e.target.value)}
            error={trimmedUrl !== '' && !urlValid}
            helperText={
              trimmedUrl !== '' && urlProblem
                ? `The URL ${urlProblem}`
                : 'An http(s) link to the evidence'
            }
          />
          <TextField
            id="ml-maturity-attest-comment"
            fullWidth
            multiline
            margin="dense"
            label="Comment (optional)"
            value={comment}
            onChange={e => setComment(e.target.value)}
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
