/**
 * An error caused by the input (bad image, bad Dockerfile, bad flag) rather than by a bug.
 * The CLI prints every error as one line and exits 2; InputError only marks the ones
 * whose message is already complete for a user.
 */
export class InputError extends Error {
  override name = "InputError";
}

/** Prefixes an error's message with what was being done ("reading layer sha256:ab12…: …"). */
export function withContext(context: string, err: unknown): InputError {
  const message = err instanceof Error ? err.message : String(err);
  return new InputError(`${context}: ${message}`, { cause: err });
}
