import { maxOf } from '../math/extremes';
import {
  HYPERPARAMETERS,
  OPTIMIZER_NAMES,
  OPTIMIZERS,
  type HyperparameterName,
  type OptimizerName,
} from '../optimizers/registry';
import { formatDifference } from '../report/consoleReport';
import type { RunHistory } from '../run/history';
import type { TensorCounts } from '../tfjs/disposeLeak';
import type { TrainResult } from '../train';
import { traceFlags, type CaseMeasurement } from './measure';

/** A behaviour shown by one training: the command that reproduces it and its result. */
export interface Demonstration {
  command: string;
  result: TrainResult;
}

export interface ParityData {
  tfjsVersion: string;
  generatedOn: string;
  cases: CaseMeasurement[];
  adadeltaFlip: Demonstration;
  centeredRmspropNaN: Demonstration;
  adagradStart: Demonstration;
  adadeltaIsSgd: { command: string; identical: boolean; iterations: number };
  tensorCounts: Record<OptimizerName, TensorCounts>;
}

const vector = (x: readonly number[]): string =>
  `[${x.map((v) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : v)).join(', ')}]`;
const code = (text: string): string => `\`${text}\``;
/** Text for a Markdown table cell: a bare | would end the cell. */
const cell = (text: string): string => text.replace(/\|/g, '\\|');

function defaultsTable(name: OptimizerName): string[] {
  const spec = OPTIMIZERS[name];
  const keys = new Set([
    ...Object.keys(spec.tfjsDefaults),
    ...Object.keys(spec.torchDefaults),
  ]) as Set<HyperparameterName>;
  const show = (value: number | boolean | undefined): string => (value === undefined ? '—' : String(value));
  return [
    '| hyperparameter | TF.js default | PyTorch default |',
    '| --- | --- | --- |',
    ...[...keys].map((key) => {
      const [t, p] = [spec.tfjsDefaults[key], spec.torchDefaults[key]];
      const flag = spec.takes.includes(key)
        ? `--${HYPERPARAMETERS[key].flag}`
        : `(${HYPERPARAMETERS[key].flag}: not a TF.js parameter)`;
      const note =
        key === 'lr'
          ? " (ours, for both: the original's 0.1)"
          : key === 'momentum' && name === 'momentum'
            ? ' (TF.js has none; ours, for both)'
            : '';
      return `| ${flag} | ${show(t)}${note} | ${show(p)}${t !== p && t !== undefined && p !== undefined ? ' **differs**' : ''} |`;
    }),
  ];
}

function caseLines(measurement: CaseMeasurement): string[] {
  const { trace, cpu, wasm } = measurement;
  const flags = traceFlags(trace);
  const finalOf = (run: RunHistory): string =>
    run.diverged ? `diverged at iteration ${run.diverged.iteration}` : vector(run.finalX);
  return [
    `Case ${code(trace.name)}: ${code(`npm run train -- ${flags}`)}`,
    '',
    '| measured | value |',
    '| --- | --- |',
    `| TF.js (cpu) vs its Float64 mirror: largest relative Δ of x | ${formatDifference(cpu.diff.x.maxRel)} (${cpu.diff.withinTolerance ? 'within' : 'outside'} float32 tolerance, worst Δ/tolerance ${cpu.diff.x.worstRatio.toFixed(2)}) |`,
    `| float32 replay equals TF.js to the bit | cpu: ${cpu.diff.float32ReplayIdentical ? 'yes' : 'no'} (${cpu.diff.comparedRows} rows), wasm: ${wasm.diff.float32ReplayIdentical ? 'yes' : 'no'} (${wasm.diff.comparedRows} rows) |`,
    `| TF.js's rule vs PyTorch's rule (Float64 mirrors): largest relative Δ of x, of the loss | ${formatDifference(cpu.parity.maxRelX)}, ${formatDifference(cpu.parity.maxRelLoss)} |`,
    `| our PyTorch rule vs the real torch.optim trace (every row) | ${formatDifference(measurement.pytorchVsTrace)} |`,
    `| our TF.js mirror vs the torch.optim trace | ${formatDifference(measurement.manualVsTrace)} |`,
    `| final x: TF.js / PyTorch trace | ${finalOf(cpu.runs.tfjs)} / ${vector(trace.final_x)} |`,
  ];
}

function rowsSideBySide(demo: Demonstration, count: number): string[] {
  const { tfjs, pytorch } = demo.result.runs;
  const lines = ['| iteration | TF.js x | PyTorch x |', '| --- | --- | --- |'];
  for (let k = 0; k < count; k++) {
    const t = tfjs.rows[k];
    const p = pytorch.rows[k];
    if (!t && !p) break;
    lines.push(`| ${k + 1} | ${t ? vector(t.x) : tfjs.diverged ? 'NaN (diverged)' : ''} | ${p ? vector(p.x) : ''} |`);
  }
  return lines;
}

export function parityMarkdown(data: ParityData): string {
  const summary = OPTIMIZER_NAMES.map((name) => {
    const spec = OPTIMIZERS[name];
    const measured = data.cases.filter((c) => c.cpu.config.optimizer === name);
    const replay = measured.every((c) => c.cpu.diff.float32ReplayIdentical && c.wasm.diff.float32ReplayIdentical);
    const ruleGap = maxOf(measured.map((c) => c.cpu.parity.maxRelX));
    const traceGap = maxOf(measured.map((c) => c.pytorchVsTrace));
    return `| ${spec.title} | ${spec.sameRuleAsTorch ? 'yes' : '**no**'} | ${cell(spec.ruleDifference)} | ${replay ? 'yes' : 'no'} | ${formatDifference(ruleGap)} | ${formatDifference(traceGap)} |`;
  });
  const perOptimizer = OPTIMIZER_NAMES.flatMap((name) => {
    const spec = OPTIMIZERS[name];
    return [
      `### ${spec.title}`,
      '',
      `- TF.js ${code(spec.tfjsCall)}: ${spec.tfjsUpdate}`,
      `- PyTorch ${code(spec.torchCall)}: ${spec.torchUpdate}`,
      `- ${spec.sameRuleAsTorch ? 'Same rule' : 'Different rule'}: ${spec.ruleDifference}.`,
      '',
      ...defaultsTable(name),
      '',
      ...data.cases.filter((c) => c.cpu.config.optimizer === name).flatMap((c) => [...caseLines(c), '']),
    ];
  });
  const flip = data.adadeltaFlip.result.runs;
  const nan = data.centeredRmspropNaN.result.runs;
  const nanGradient = nan.pytorch.rows[0].grad[0];
  const adagrad = data.adagradStart.result.runs;
  const adagradGradient = adagrad.tfjs.rows[0].grad[0];
  const firstStep = (run: RunHistory): number => Math.abs(run.rows[1].x[0] - run.rows[0].x[0]);
  const adagradSteps = { tfjs: firstStep(adagrad.manual), pytorch: firstStep(adagrad.pytorch) };
  const counts = OPTIMIZER_NAMES.map((name) => {
    const c = data.tensorCounts[name];
    return `| ${OPTIMIZERS[name].title} | ${c.afterFirstStep} | ${c.afterLastStep} | ${c.leftAfterDispose}${c.leftAfterDispose ? ' **leak**' : ''} |`;
  });

  return [
    '# TF.js and PyTorch optimizers: where they really differ',
    '',
    `Generated by ${code('npm run parity')} on ${data.generatedOn} with TF.js ${data.tfjsVersion}; every number below is measured by that command.`,
    'The PyTorch side is twofold: the real `torch.optim` traces of `test/fixtures/torch-traces.json` (torch 1.13, float64), and our',
    'Float64 implementation of each `torch.optim` rule (the `pytorch` run), which must reproduce those traces to 1e-9.',
    'The TF.js side is the real `tf.train.*` optimizer (float32), its Float64 mirror (`manual`), and the mirror replayed in float32',
    "(`manual32`). Relative differences of x are taken against the row's largest |x|, of the loss against the loss.",
    '',
    '## Summary',
    '',
    '| optimizer | same rule as PyTorch? | how the rules differ | float32 replay = TF.js (cpu, wasm) | TF.js rule vs PyTorch rule, largest rel. Δ of x on the trace case | our PyTorch rule vs torch trace |',
    '| --- | --- | --- | --- | --- | --- |',
    ...summary,
    '',
    'Even where the rule is the same, the defaults often are not (next section): a port that leaves a hyperparameter at its',
    'default changes the optimizer. Pass every hyperparameter explicitly on both sides.',
    '',
    '## Each optimizer',
    '',
    ...perOptimizer,
    '## Where TF.js departs from PyTorch, shown',
    '',
    "### TF.js's Adadelta is SGD",
    '',
    'TF.js computes Δ = √(u + ε)/√(s + ε)·g with the squared-gradient average s from *before* this step. Both averages',
    'start at 0, so Δ₁ = g₁ and then u₁ = s₁; from there Δ₂ = g₂, u₂ = s₂, and so on: the ratio is exactly 1 at every step,',
    'whatever ρ and any ε > 0 (with ε = 0 the first step is 0/0 and x becomes NaN), and `tf.train.adadelta(lr)` takes the',
    'same steps as `tf.train.sgd(lr)`.',
    `Measured: ${code(data.adadeltaIsSgd.command)} gives ${data.adadeltaIsSgd.identical ? 'bit-identical' : 'different'} TF.js rows for`,
    `the two optimizers over all ${data.adadeltaIsSgd.iterations} iterations.`,
    '',
    '### …so at lr 1 it flips between ±x⁰',
    '',
    `${code(data.adadeltaFlip.command)} — the trace case's settings. SGD at lr 1 on Σxᵢ² maps x to x − 2x = −x, so TF.js`,
    "flips between x⁰ and −x⁰ for ever. PyTorch (and Zeiler's paper) divide by the updated average, take a first step of",
    'about √ε/√(1−ρ) ≈ 0.0045 and creep towards the minimum.',
    '',
    ...rowsSideBySide(data.adadeltaFlip, 4),
    '',
    `After ${data.adadeltaFlip.result.config.iterations} iterations: TF.js x = ${vector(flip.tfjs.finalX)}, PyTorch x = ${vector(flip.pytorch.finalX)}.`,
    '',
    '### Centered RMSProp subtracts ε under the root',
    '',
    `${code(data.centeredRmspropNaN.command)} — the same hyperparameters on both sides. TF.js computes √(s − (ḡ² + ε)); when`,
    `s − ḡ² is below ε (a small or steady gradient: after one step s − ḡ² = 0.1·g² − 0.01·g² = 0.09·g², here ${formatDifference(0.09 * nanGradient ** 2)}`,
    'for the first coordinate, against ε = 1e-7) the root is of a negative number and x becomes NaN. PyTorch computes',
    '√(s − ḡ²) + ε and steps on.',
    '',
    ...rowsSideBySide(data.centeredRmspropNaN, 3),
    '',
    `TF.js: ${nan.tfjs.diverged ? `not finite from iteration ${nan.tfjs.diverged.iteration}` : 'finite'}; PyTorch: ${nan.pytorch.diverged ? `not finite from iteration ${nan.pytorch.diverged.iteration}` : 'finite throughout'}.`,
    '',
    '### Adagrad starts its sum at 0.1 and hides ε under the root',
    '',
    `${code(data.adagradStart.command)}. With a small gradient (${formatDifference(adagradGradient)} in the first coordinate) TF.js's first step`,
    `is lr·g/√(0.1 + g²) = ${formatDifference(adagradSteps.tfjs)}, PyTorch's lr·g/(|g| + 1e-10) ≈ lr: ${formatDifference(adagradSteps.pytorch)}, ${Math.round(adagradSteps.pytorch / adagradSteps.tfjs)} times larger and past the minimum.`,
    '',
    ...rowsSideBySide(data.adagradStart, 3),
    '',
    '### Tensors: MomentumOptimizer.dispose() leaks its learning rate (tfjs#4647)',
    '',
    'Tensors alive during and after a 20-step run on Rosenbrock (variable, gradients and optimizer disposed at the end):',
    '',
    '| optimizer | after step 1 | after step 20 | left after dispose |',
    '| --- | --- | --- | --- |',
    ...counts,
    '',
    '`MomentumOptimizer` overrides `dispose()` and frees its momentum scalar and accumulators, but not the learning-rate scalar',
    '`c` it inherits from `SGDOptimizer`: one tensor per optimizer, for good. Create momentum optimizers once, not per step.',
    '',
    '## Porting checklist',
    '',
    "- Adam: the same rule; pass `epsilon: 1e-8` to `tf.train.adam` to get PyTorch's default.",
    '- SGD and momentum (and Nesterov): the same rule; `tf.train.momentum` needs the momentum that PyTorch defaults to 0.',
    "- Adagrad: no way to match exactly: TF.js's ε (1e-7) is fixed and inside the root; pass `initialAccumulatorValue: 0` to at least start alike.",
    "- Adadelta: not the same algorithm: TF.js's is SGD. No setting of `tf.train.adadelta` gives PyTorch's behaviour.",
    '- Adamax: ε sits elsewhere; the difference is of the order of ε/|g| and shows only for tiny gradients.',
    "- RMSProp: PyTorch's `alpha` is TF.js's `decay` (0.99 against 0.9); ε sits inside the root in TF.js; avoid `centered` in",
    '  TF.js with small gradients (NaN, above).',
    '',
  ].join('\n');
}
