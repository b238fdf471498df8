import type * as TfCore from '@tensorflow/tfjs-core';
import type { Tf } from '../tfjs/backend';

/**
 * TF.js API traps a porter falls into, each shown by a minimal reproduction run here on TF.js
 * itself: the code, and what it printed.
 */
export interface Trap {
  title: string;
  /** The reproduction, as a reader would type it. */
  code: string;
  /** What running it showed, measured. */
  observed: string;
  /** Whether the trap is there (a future TF.js may fix it: the report then says so). */
  holds: boolean;
  /** What to do instead. */
  remedy: string;
}

/** A float32 result as people read it: seven significant digits. */
const short = (value: number): number => Number(value.toPrecision(7));

/** x after two steps of `optimizer` on L = x (gradient 1) from x = 1, with `between` run after the first. */
function twoSteps(tf: Tf, optimizer: TfCore.Optimizer, between: () => void = () => {}): number {
  const x = tf.variable(tf.scalar(1));
  const step = (): void => {
    const grads = { [x.name]: tf.onesLike(x) };
    optimizer.applyGradients(grads);
    tf.dispose(Object.values(grads));
  };
  step();
  between();
  step();
  const value = short(x.dataSync()[0]);
  x.dispose();
  optimizer.dispose();
  return value;
}

function setMomentumTrap(tf: Tf): Trap {
  const kept = twoSteps(tf, tf.train.momentum(0.1, 0.9));
  const changed = tf.train.momentum(0.1, 0.9);
  const afterSet = twoSteps(tf, changed, () => changed.setMomentum(0));
  const zero = twoSteps(tf, tf.train.momentum(0.1, 0));
  return {
    title: "MomentumOptimizer.setMomentum doesn't change the update",
    code: 'const opt = tf.train.momentum(0.1, 0.9); step(); opt.setMomentum(0); step();  // L = x, x⁰ = 1',
    observed: `x = ${afterSet} after setMomentum(0), ${kept} with momentum 0.9 throughout, ${zero} with momentum 0 throughout: the update kept reading the scalar built from 0.9 in the constructor`,
    holds: afterSet === kept && afterSet !== zero,
    remedy:
      'build a new tf.train.momentum (its accumulator starts over), or use SGD from @optim-mirror/torch, whose setOptions({ momentum }) keeps the buffer',
  };
}

function learningRateTrap(tf: Tf): Trap {
  const assign = (optimizer: TfCore.Optimizer): void => void Reflect.set(optimizer, 'learningRate', 0);
  const sgd = tf.train.sgd(0.1);
  const sgdAssigned = twoSteps(tf, sgd, () => assign(sgd));
  const sgdSet = tf.train.sgd(0.1);
  const sgdSetter = twoSteps(tf, sgdSet, () => sgdSet.setLearningRate(0));
  const adam = tf.train.adam(0.1);
  const adamAssigned = twoSteps(tf, adam, () => assign(adam));
  const adamPlain = twoSteps(tf, tf.train.adam(0.1));
  const x1 = twoSteps(tf, tf.train.sgd(0.1));
  return {
    title: 'Assigning learningRate is ignored by SGD and Momentum, read every step by the others',
    code: 'opt.learningRate = 0 between two steps (L = x, x⁰ = 1): tf.train.sgd(0.1), then tf.train.adam(0.1); and sgd.setLearningRate(0)',
    observed: `tf.train.sgd: x = ${sgdAssigned} after learningRate = 0, as without it (${x1}): the second step still took lr 0.1; ${sgdSetter} after setLearningRate(0). tf.train.adam: x = ${adamAssigned} after learningRate = 0 (${adamPlain} without): the second step took lr 0`,
    holds: sgdAssigned === x1 && sgdSetter !== x1 && adamAssigned !== adamPlain,
    remedy:
      'call setLearningRate on tf.train.sgd and tf.train.momentum (their lr lives in a scalar tensor made there); the schedulers of @optim-mirror/torch do the right thing for each',
  };
}

async function adamaxWeightsTrap(tf: Tf): Promise<Trap> {
  const optimizer = tf.train.adamax(0.002);
  let observed: string;
  let holds: boolean;
  try {
    const weights = await optimizer.getWeights();
    observed = `returned ${weights.length} weights`;
    holds = false;
  } catch (error) {
    observed = `throws "${error instanceof Error ? error.message : String(error)}"`;
    holds = true;
  } finally {
    optimizer.dispose();
  }
  return {
    title: "tf.train.adamax's state cannot be saved",
    code: 'await tf.train.adamax(0.002).getWeights()',
    observed,
    holds,
    remedy:
      "Adamax from @optim-mirror/torch: getWeights/setWeights by torch's state names (exp_avg, exp_inf), bit for bit",
  };
}

function compileAdadeltaTrap(tf: Tf, layers: typeof import('@tensorflow/tfjs-layers')): Trap {
  const model = layers.sequential({ layers: [layers.layers.dense({ units: 1, inputShape: [1] })] });
  model.compile({ optimizer: 'adadelta', loss: 'meanSquaredError' });
  const compiled = Number(model.optimizer.getConfig().learningRate);
  const direct = tf.train.adadelta();
  const constructed = Number(direct.getConfig().learningRate);
  direct.dispose();
  model.dispose();
  return {
    title: "model.compile('adadelta') and tf.train.adadelta() build different optimizers",
    code: "model.compile({ optimizer: 'adadelta', loss }); tf.train.adadelta()",
    observed: `the compiled model's optimizer has learningRate ${compiled}, tf.train.adadelta() ${constructed} (torch.optim.Adadelta: 1.0)`,
    holds: compiled !== constructed,
    remedy:
      "pass an optimizer object with every argument explicit; for torch's Adadelta, Adadelta from @optim-mirror/torch",
  };
}

function adamBetaPowersTrap(tf: Tf): Trap {
  // TF.js's Adam: accBeta2 = scalar(β2) (float32), 1 − accBeta2 per step, accBeta2 ← accBeta2·β2.
  const beta2 = 0.999;
  let worst = 0;
  let worstStep = 0;
  let first = 0;
  tf.tidy(() => {
    let accumulated = tf.scalar(beta2);
    for (let t = 1; t <= 1000; t++) {
      const tfjs = tf.sub(1, accumulated).dataSync()[0];
      const exact = 1 - beta2 ** t;
      const error = Math.abs(tfjs - exact) / exact;
      if (t === 1) first = error;
      if (error > worst) [worst, worstStep] = [error, t];
      accumulated = tf.mul(accumulated, beta2);
    }
  });
  return {
    title: 'tf.train.adam keeps β1ᵗ and β2ᵗ in float32',
    code: 'acc = tf.scalar(0.999); each step: 1 − acc, then acc = acc·0.999 (what AdamOptimizer does)',
    observed: `1 − β2ᵗ is off by ${first.toExponential(2)} relative at step 1 (float32 holds 0.999 as 0.99900001287…), by up to ${worst.toExponential(2)} within 1000 steps (step ${worstStep}); torch computes it in float64`,
    holds: first > 1e-6,
    remedy:
      "Adam from @optim-mirror/torch computes the bias corrections in float64 and follows torch's own float32 run",
  };
}

/** Every trap, measured on the TF.js given (cpu backend), with tfjs-layers on the same core. */
export async function measureTraps(tf: Tf): Promise<Trap[]> {
  // Loaded only here: the CLI never needs tfjs-layers.
  const layers = require('@tensorflow/tfjs-layers') as typeof import('@tensorflow/tfjs-layers');
  return [
    setMomentumTrap(tf),
    learningRateTrap(tf),
    await adamaxWeightsTrap(tf),
    compileAdadeltaTrap(tf, layers),
    adamBetaPowersTrap(tf),
  ];
}
