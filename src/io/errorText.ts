/** The first line of an error's message: what a one-line error report shows. */
export function firstLine(error: unknown): string {
  const message =
    typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string'
      ? error.message
      : String(error);
  return message.split('\n')[0];
}

/**
 * A Node system error's code (ENOENT, ENOSPC, ERR_PARSE_ARGS_…), or undefined. Read from the
 * object rather than by `instanceof Error`: errors made by Node's own modules come from another
 * realm under some test runners, where `instanceof` fails.
 */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
