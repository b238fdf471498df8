import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rowScale, rowValues, TRACES } from './helpers';

/*
 * A stranger's project: `npm pack` of the built package, an empty project that installs the
 * tarball with @tensorflow/tfjs-core and @tensorflow/tfjs-backend-cpu only, a strict TypeScript
 * training loop (AdamW and clipGradNorm, plus the float32 reference from the `/reference` entry),
 * compiled with the project's tsc and run with node; its numbers are checked against PyTorch's.
 *
 * No registry is needed for the TF.js packages: their tarballs are `npm pack`s of the copies in
 * the project's node_modules (the same versions), kept in the temp folder between runs. Their own
 * small dependencies come from npm's cache (--prefer-offline).
 */

const PACKAGE = join(__dirname, '..');
const ROOT = join(PACKAGE, '..', '..');
const TFJS = ['tfjs-core', 'tfjs-backend-cpu'];
const CASE = 'torch-adamw-clip-grad-norm';

/** A command's stdout; on failure, an Error that carries what it printed. */
function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
}

/** The newest modification time under a folder. */
function newest(folder: string): number {
  return Math.max(
    ...readdirSync(folder, { withFileTypes: true }).map((entry) => {
      const path = join(folder, entry.name);
      return entry.isDirectory() ? newest(path) : statSync(path).mtimeMs;
    }),
  );
}

/** The package's dist, rebuilt when a source file is newer (npm test builds it first anyway). */
function ensureBuilt(): void {
  const built = join(PACKAGE, 'dist', 'index.js');
  if (!existsSync(built) || newest(join(PACKAGE, 'src')) > statSync(built).mtimeMs) {
    run('npm', ['run', '-s', 'build', '-w', '@optim-mirror/torch'], ROOT);
  }
}

/** `npm pack` of the project's copy of a TF.js package, made once per version. */
function tfjsTarball(name: string): string {
  const source = join(ROOT, 'node_modules', '@tensorflow', name);
  const { version } = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as { version: string };
  const folder = join(tmpdir(), 'optim-mirror-pack-test');
  const tarball = join(folder, `tensorflow-${name}-${version}.tgz`);
  if (!existsSync(tarball)) {
    mkdirSync(folder, { recursive: true });
    const staging = mkdtempSync(join(folder, 'pack-'));
    run('npm', ['pack', source, '--pack-destination', staging, '--silent'], folder);
    // Moved into place whole, so that a run interrupted mid-pack leaves no partial tarball behind.
    execFileSync('mv', [join(staging, `tensorflow-${name}-${version}.tgz`), tarball]);
    rmSync(staging, { recursive: true, force: true });
  }
  return tarball;
}

const APP = `import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { AdamW, clipGradNorm, type AdamWOptions } from '@optim-mirror/torch';
import { ADAMW, ReferenceOptimizer, referenceClipGradNorm } from '@optim-mirror/torch/reference';

interface Row {
  x: number[];
  loss: number;
  grad: number[];
  norm: number;
}

/**
 * Rosenbrock's valley in 2-D and its gradient, by hand (tfjs-core's CommonJS build registers no
 * gradient functions; @tensorflow/tfjs would).
 */
function lossAndGradient(x: tf.Tensor1D): { loss: tf.Scalar; grad: tf.Tensor1D } {
  return tf.tidy(() => {
    const [h, t] = tf.split(x, 2);
    const a = tf.sub(t, tf.square(h));
    const b = tf.sub(1, h);
    const loss = tf.sum(tf.add(tf.mul(100, tf.square(a)), tf.square(b))) as tf.Scalar;
    const gradHead = tf.sub(tf.mul(tf.mul(-400, h), a), tf.mul(2, b));
    return { loss, grad: tf.concat([gradHead, tf.mul(200, a)]) as tf.Tensor1D };
  });
}

async function main(): Promise<void> {
  tf.enableProdMode();
  await tf.setBackend('cpu');
  const options: Partial<AdamWOptions> = { lr: 0.05, betas: [0.9, 0.99], weightDecay: 0.05 };
  const x = tf.variable(tf.tensor1d([-1.5, 2]), true, 'x');
  const before = tf.memory().numTensors;
  const optimizer = new AdamW(options);
  const reference = new ReferenceOptimizer(ADAMW, options, 'float32');
  const mirror = Float64Array.from([-1.5, 2], Math.fround);
  const rows: Row[] = [];
  for (let k = 0; k < 100; k++) {
    const { loss, grad } = lossAndGradient(x);
    const g = Float64Array.from(grad.dataSync());
    const row = { x: Array.from(x.dataSync()), loss: loss.dataSync()[0], grad: Array.from(g) };
    const grads: tf.NamedTensorMap = { x: grad };
    const norm = clipGradNorm(grads, 10);
    optimizer.applyGradients(grads);
    referenceClipGradNorm([g], 10, 2, 'float32');
    reference.step(mirror, g);
    tf.dispose([loss, grads.x]);
    rows.push({ ...row, norm });
  }
  const result = {
    rows,
    finalX: Array.from(x.dataSync()),
    referenceX: Array.from(mirror),
    className: optimizer.getClassName(),
    stateTensors: tf.memory().numTensors - before,
  };
  optimizer.dispose();
  console.log(JSON.stringify({ ...result, leftAfterDispose: tf.memory().numTensors - before }));
}

main().catch((error: unknown) => {
  console.error(error);
  throw error; // unhandled: node exits with a failure
});
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2020',
    module: 'node16',
    moduleResolution: 'node16',
    lib: ['ES2020', 'DOM'],
    strict: true,
    noEmitOnError: true,
    outDir: 'out',
  },
  files: ['train.ts'],
};

interface AppOutput {
  rows: Array<{ x: number[]; loss: number; grad: number[]; norm: number }>;
  finalX: number[];
  referenceX: number[];
  className: string;
  stateTensors: number;
  leftAfterDispose: number;
}

test('a stranger installs the packed library with tfjs-core and the cpu backend, and trains like PyTorch', () => {
  ensureBuilt();
  const work = mkdtempSync(join(tmpdir(), 'optim-mirror-stranger-'));
  try {
    run('npm', ['pack', PACKAGE, '--pack-destination', work, '--silent'], work);
    const ours = readdirSync(work).find((f) => f.startsWith('optim-mirror-torch-') && f.endsWith('.tgz'));
    expect(ours).toBeDefined();
    const app = join(work, 'app');
    mkdirSync(app);
    // The three dependencies, written into package.json first: `npm install` with no arguments
    // unpacks each tarball once to read its manifest, where naming them on its command line does twice.
    const dependencies = {
      '@optim-mirror/torch': `file:${join(work, ours ?? '')}`,
      ...Object.fromEntries(TFJS.map((name) => [`@tensorflow/${name}`, `file:${tfjsTarball(name)}`])),
    };
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'stranger', version: '1.0.0', private: true, dependencies }),
    );
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], app);
    for (const name of Object.keys(dependencies)) {
      expect(existsSync(join(app, 'node_modules', name, 'package.json'))).toBe(true);
    }
    // One tfjs-core, shared by the library and the backend.
    expect(existsSync(join(app, 'node_modules', '@optim-mirror', 'torch', 'node_modules'))).toBe(false);
    expect(existsSync(join(app, 'node_modules', '@tensorflow', 'tfjs-backend-cpu', 'node_modules'))).toBe(false);
    // The package ships its build and README, not its sources or tests.
    expect(readdirSync(join(app, 'node_modules', '@optim-mirror', 'torch')).sort()).toEqual([
      'README.md',
      'dist',
      'package.json',
    ]);

    writeFileSync(join(app, 'train.ts'), APP);
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
    run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], app);
    const output = JSON.parse(run(process.execPath, [join('out', 'train.js')], app)) as AppOutput;

    expect(output.className).toBe('torch.AdamW');
    expect(output.finalX).toEqual(output.referenceX);
    expect(output.stateTensors).toBe(2); // exp_avg, exp_avg_sq: nothing else stays behind
    expect(output.leftAfterDispose).toBe(0);

    // Against PyTorch: within what torch's own float32 run strays from its float64 run (the
    // parity contract), though this loop's hand-written gradient is not TF.js's autodiff.
    const trace = TRACES.library_cases.find((c) => c.name === CASE);
    if (trace === undefined) throw new Error(`torch-traces.json has no ${CASE}`);
    expect(output.rows).toHaveLength(trace.rows.length);
    const worst: number[] = [];
    const violations: string[] = [];
    trace.rows.forEach((row64, k) => {
      const [t64, t32, ours] = [
        rowValues(row64),
        rowValues(trace.rows_float32[k]),
        rowValues({ ...output.rows[k], iteration: k + 1 }),
      ];
      const slack = 8 * 2 ** -24 * rowScale(row64);
      t64.forEach((v, i) => {
        worst[i] = Math.max(worst[i] ?? 0, Math.abs(t32[i] - v));
        if (!(Math.abs(ours[i] - v) <= 4 * worst[i] + slack))
          violations.push(`row ${k + 1} value ${i}: ${ours[i]} vs ${v}`);
      });
      // clipGradNorm returned the gradient's 2-norm before clipping (that gradient is checked above).
      const norm = Math.hypot(...output.rows[k].grad);
      expect(Math.abs(output.rows[k].norm - norm) / norm).toBeLessThan(2 ** -22);
    });
    expect(violations).toEqual([]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}, 60_000);
