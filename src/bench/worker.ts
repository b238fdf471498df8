// One measurement in a process of its own, so that peak RSS belongs to it: `node worker.js IMPL N STEPS [straightforward]`.
import { BENCH_IMPLS, type BenchImpl } from './impls';
import { firstLine } from '../io/errorText';
import { measure } from './measure';

const [impl, n, steps, straightforward] = process.argv.slice(2);
if (!BENCH_IMPLS.includes(impl as BenchImpl)) throw new Error(`unknown implementation ${impl}`);
measure(impl as BenchImpl, Number(n), Number(steps), straightforward === 'straightforward').then(
  (result) => process.stdout.write(JSON.stringify(result) + '\n'),
  (error: unknown) => {
    process.stderr.write(`${firstLine(error)}\n`);
    process.exitCode = 1;
  },
);
