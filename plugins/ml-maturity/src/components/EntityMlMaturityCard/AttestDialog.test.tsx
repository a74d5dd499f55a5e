import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AttestDialog } from './AttestDialog';

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
      await renderInTestApp(
        <AttestDialog
          itemTitle="Use cases"
          onClose={() => {}}
          onSubmit={onSubmit}
        />,
      );
      const dialog = screen.getByRole('dialog');
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
});
