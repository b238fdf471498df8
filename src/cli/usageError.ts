/** Bad input: printed as one line on stderr, exit code 2, nothing written. */
export class UsageError extends Error {}
