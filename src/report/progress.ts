import type { SingleBar } from 'cli-progress';

export interface Progress {
  /** One more iteration of some run done. */
  tick(): void;
  stop(): void;
}

/** How long work must have taken before a bar is worth showing. */
const SHOW_AFTER_MS = 1000;

/**
 * A progress bar on stderr for long trainings: shown only when stderr is a terminal and only once
 * the work has taken a second, so short runs, pipes, files and CI logs see nothing at all.
 */
export function stderrProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { tick() {}, stop() {} };
  const started = Date.now();
  let done = 0;
  let bar: SingleBar | null = null;
  return {
    tick() {
      done++;
      if (!bar && Date.now() - started > SHOW_AFTER_MS && done < total) {
        const { SingleBar: Bar, Presets } = require('cli-progress') as typeof import('cli-progress');
        bar = new Bar(
          {
            stream,
            format: 'training [{bar}] {percentage}% | {value}/{total} iterations | ETA {eta}s',
            hideCursor: true,
          },
          Presets.shades_classic,
        );
        bar.start(total, done);
      }
      bar?.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}
