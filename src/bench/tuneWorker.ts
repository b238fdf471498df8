// The tuning case's phases in a process of its own: `node tuneWorker.js` prints them as JSON.
import { firstLine } from '../io/errorText';
import { measureTunePhases } from './tuneCase';

measureTunePhases().then(
  (phases) => process.stdout.write(JSON.stringify(phases) + '\n'),
  (error: unknown) => {
    process.stderr.write(`${firstLine(error)}\n`);
    process.exitCode = 1;
  },
);
