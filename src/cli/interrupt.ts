/**
 * Ctrl-C and SIGTERM leave nothing behind: whatever registered an undo (temporary files being
 * written, a progress bar that hid the cursor) is undone, then the process exits 130 or 143, as a
 * shell reports a process killed by that signal.
 *
 * Handlers run on the event loop, so long work must give the loop a turn now and then
 * (`yieldToEventLoop`) for an interrupt to be heard before it ends.
 */
const undos = new Set<() => void>();

/** Registers an undo for an interrupt; call the returned function once it is no longer needed. */
export function onInterrupt(undo: () => void): () => void {
  undos.add(undo);
  return () => undos.delete(undo);
}

/** Runs every registered undo, newest first, each at most once. Exported for tests. */
export function undoAll(): void {
  for (const undo of [...undos].reverse()) {
    undos.delete(undo);
    try {
      undo();
    } catch {
      // An undo that fails (a file already gone) must not stop the others.
    }
  }
}

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/** In a command's own process only: undo and exit on SIGINT and SIGTERM. */
export function exitCleanlyOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      undoAll();
      process.exit(EXIT_CODES[signal]);
    });
  }
}

/** Lets pending events (a signal among them) run, without slowing a loop that calls it often. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) =>
    typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  );
}
