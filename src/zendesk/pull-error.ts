// Its own module so that what only needs to recognise a stopped pull (the app's error messages,
// the sidebar's page) does not import, and download, the whole-account pull.

/** A pull that stopped: says what failed and how far it got; the saved checkpoint resumes it. */
export class PullError extends Error {
  override name = 'PullError';
  constructor(
    message: string,
    readonly requests: number,
    readonly tickets: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
