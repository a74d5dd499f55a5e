import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import { AttestDialog } from './AttestDialog';
import type { AttestDialogProps } from './AttestDialog';

/** The 400 of `POST /attestations` refusing one field, e.g. `url: must be ...`. */
function refused(message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'InputError', message },
        response: { statusCode: 400 },
      }),
      {
        status: 400,
        statusText: 'Bad Request',
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}

/** The dialog, open for the item "Use cases". */
async function renderDialog(onSubmit: AttestDialogProps['onSubmit']) {
  await renderInTestApp(
    <AttestDialog
      itemTitle="Use cases"
      onClose={() => {}}
      onSubmit={onSubmit}
    />,
  );
  return screen.getByRole('dialog');
}

describe('AttestDialog', () => {
  it.each([
    // a right-to-left override: shows as https://evil.example/exe.gpj
    ['https://evil.example/\u202Egpj.exe', 'U+202E'],
    // invisible tag characters, shown as nothing
    ['https://wiki.example.com/m\u{E0041}\u{E0042}l', 'U+E0041'],
    ['https://wiki.example.com/m\u3164l', 'U+3164'],
  ])(
    'shows at the URL field why %j cannot be sent, and does not send it',
    async (typed, code) => {
      const onSubmit = jest.fn(async () => {});
      const user = userEvent.setup();
      const dialog = await renderDialog(onSubmit);
      const url = within(dialog).getByLabelText(/Evidence URL/);
      await user.click(url);
      await user.paste(typed);
      const submit = within(dialog).getByRole('button', { name: 'Attest' });
      expect(submit).toBeDisabled();
      expect(url).toHaveAttribute('aria-invalid', 'true');
      // the field's helper text, tied to the field
      const described = document.getElementById(
        url.getAttribute('aria-describedby') ?? '',
      );
      expect(described).toHaveTextContent(
        `The URL must not contain invisible or text-direction characters (it has ${code})`,
      );
      await user.keyboard('{Enter}');
      expect(onSubmit).not.toHaveBeenCalled();
    },
  );

  it.each([
    ['url', /Evidence URL/, 'The URL must be reachable from the portal'],
    ['comment', /Comment/, 'The comment must be at most 2000 characters'],
  ])(
    'moves the focus to the %s field the API refused, so its error is read out',
    async (field, label, described) => {
      const user = userEvent.setup({ delay: null });
      const error = await refused(
        `${field}: ${described.replace(/^The \w+ /, '')}`,
      );
      const onSubmit = jest.fn(async () => {
        throw error;
      });
      const dialog = await renderDialog(onSubmit);
      await user.click(within(dialog).getByLabelText(/Evidence URL/));
      await user.paste('https://wiki.example.com/use-cases');
      // sent with the button: the focus is on it, away from the field
      await user.click(within(dialog).getByRole('button', { name: 'Attest' }));
      const refusedField = within(dialog).getByLabelText(label);
      await waitFor(() =>
        expect(refusedField).toHaveAttribute('aria-invalid', 'true'),
      );
      expect(refusedField).toHaveFocus();
      expect(refusedField).toHaveAccessibleDescription(described);
    },
  );
});
