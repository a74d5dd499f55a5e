/**
 * Ends the process with exit code 1 when the backend fails to start (a
 * plugin that throws in its init, e.g. on an invalid `mlMaturity` config).
 * Backstage logs the failure, but its handler for unhandled rejections
 * takes the rejected `backend.start()` too, so the process kept running
 * without the failed plugins and a process manager saw nothing wrong.
 */
export async function exitOnStartupFailure(
  started: Promise<unknown>,
  options: {
    exit?: (code: number) => void;
    log?: (message: string, error: unknown) => void;
  } = {},
): Promise<void> {
  const { exit = process.exit, log = console.error } = options;
  try {
    await started;
  } catch (error) {
    log('Backend failed to start; exiting with code 1', error);
    exit(1);
  }
}
