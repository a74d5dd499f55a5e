import { exitOnStartupFailure } from './exitOnStartupFailure';

describe('exitOnStartupFailure', () => {
  it('logs the startup error and exits with code 1', async () => {
    const exit = jest.fn();
    const log = jest.fn();
    const error = new Error(
      "Backend startup failed due to the following errors:\n  Plugin 'ml-maturity' startup failed",
    );

    await exitOnStartupFailure(Promise.reject(error), { exit, log });

    expect(log).toHaveBeenCalledWith(
      'Backend failed to start; exiting with code 1',
      error,
    );
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('leaves a backend that started running', async () => {
    const exit = jest.fn();
    const log = jest.fn();

    await exitOnStartupFailure(Promise.resolve({ result: {} }), { exit, log });

    expect(exit).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });
});
