import { maxOf } from '../math/extremes';
import type { OptimizerDefinition, Value } from '../optimizers/optimizer';
import { TF_TRAIN_OPTIMIZERS } from '../optimizers/registry';
import { TORCH_OPTIMIZERS } from '../optimizers/torch';
import { formatDifference } from '../report/consoleReport';
import type { RunHistory } from '../run/history';
import type { TensorCounts } from '../tfjs/disposeLeak';
import type { TrainResult } from '../train';
import { traceFlags, type CaseMeasurement, type LibraryCaseMeasurement } from './measure';
import type { Trap } from './traps';

/**
 * docs/parity.md, a porting guide: what to write in TF.js for each torch.optim optimizer, the
 * TF.js API traps with their reproductions, each tf.train optimizer against torch.optim, the
 * library's optimizers against real PyTorch, and TF.js's departures shown. Formatting only: every
 * number comes in `ParityData`, measured by `npm run parity`.
 */

/** A behaviour shown by one training: the command that reproduces it and its result. */
export interface Demonstration {
  command: string;
  result: TrainResult;
}

export interface ParityData {
  tfjsVersion: string;
  generatedOn: string;
  /** tf.train optimizers on the torch trace cases, cpu and wasm. */
  cases: CaseMeasurement[];
  /** @optim-mirror/torch's optimizers on their trace cases (float64 and float32 torch runs). */
  libraryCases: LibraryCaseMeasurement[];
  traps: Trap[];
  adadeltaFlip: Demonstration;
  centeredRmspropNaN: Demonstration;
  adagradStart: Demonstration;
  adadeltaIsSgd: { command: string; identical: boolean; iterations: number };
  /** By optimizer name: tf.train's and the library's. */
  tensorCounts: Array<{ name: string; counts: TensorCounts }>;
}

const vector = (x: readonly number[]): string =>
  `[${x.map((v) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : v)).join(', ')}]`;
const code = (text: string): string => `\`${text}\``;
/** Text for a Markdown table cell: a bare | would end the cell. */
const cell = (text: string): string => text.replace(/\|/g, '\\|');
const show = (value: Value | undefined): string =>
  value === undefined ? '—' : typeof value === 'object' ? value.join(', ') : String(value);

/** The library classes TF.js has no counterpart for at all. */
const ONLY_IN_THE_LIBRARY = ['AdamW', 'NAdam', 'RAdam'];

function portingTable(): string[] {
  const rows = TF_TRAIN_OPTIMIZERS.map(
    (o) => `| ${code(o.torchCall)} | ${code(o.porting.code)} | ${cell(o.porting.note)} |`,
  );
  for (const name of ONLY_IN_THE_LIBRARY) {
    rows.push(
      `| ${code(`torch.optim.${name}(params, …)`)} | ${code(`new ${name}({ … })`)} from @optim-mirror/torch | TF.js has no ${name} |`,
    );
  }
  return [
    '| torch.optim | TF.js that follows it | why |',
    '| --- | --- | --- |',
    ...rows,
    '| any of them with `weight_decay`, `maximize`, `amsgrad`, `dampening` | the class of the same name from @optim-mirror/torch | tf.train has none of these |',
    '| `torch.nn.utils.clip_grad_norm_`, `clip_grad_value_` | `clipGradNorm(grads, maxNorm)`, `clipGradValue(grads, v)` from @optim-mirror/torch | TF.js has no gradient clipping across variables |',
  ];
}

function defaultsTable(optimizer: OptimizerDefinition): string[] {
  const { tfjs, pytorch } = optimizer.defaults;
  const keys = [...new Set([...Object.keys(tfjs), ...Object.keys(pytorch)])];
  return [
    '| hyperparameter | TF.js default | PyTorch default |',
    '| --- | --- | --- |',
    ...keys.map((key) => {
      const flag = optimizer.flags.find((f) => f.key === key);
      const name = flag ? `--${flag.flag}` : `(${key}: not a TF.js parameter)`;
      const note = key === 'lr' ? " (ours, for both: the original's 0.1)" : '';
      const differs = tfjs[key] !== undefined && pytorch[key] !== undefined && show(tfjs[key]) !== show(pytorch[key]);
      return `| ${name} | ${show(tfjs[key])}${note} | ${show(pytorch[key])}${differs ? ' **differs**' : ''} |`;
    }),
  ];
}

function caseLines(measurement: CaseMeasurement): string[] {
  const { trace, cpu, wasm } = measurement;
  const finalOf = (run: RunHistory): string =>
    run.diverged ? `diverged at iteration ${run.diverged.iteration}` : vector(run.finalX);
  return [
    `Case ${code(trace.name)}: ${code(`npm run train -- ${traceFlags(trace)}`)}`,
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

function trapSection(trap: Trap): string[] {
  return [
    `### ${trap.title}`,
    '',
    '```js',
    trap.code,
    '```',
    '',
    `Measured: ${trap.observed}.${trap.holds ? '' : ' **This TF.js no longer behaves so.**'}`,
    '',
    `Instead: ${trap.remedy}.`,
    '',
  ];
}

function librarySection(cases: readonly LibraryCaseMeasurement[]): string[] {
  const rows = TORCH_OPTIMIZERS.map((optimizer) => {
    const mine = cases.filter((c) => c.cpu.config.optimizer.definition.name === optimizer.name);
    if (mine.length === 0) return `| ${optimizer.title} | 0 | — | — | — |`;
    const float64Gap = formatDifference(maxOf(mine.map((c) => c.float64Gap)));
    const boundRatio = maxOf(mine.map((c) => c.boundRatio)).toFixed(3);
    const replay = mine.every((c) => c.cpu.diff.float32ReplayIdentical) ? 'yes' : '**no**';
    return `| ${optimizer.title} | ${mine.length} | ${float64Gap} | ${boundRatio} | ${replay} |`;
  });
  const worstBound = maxOf(
    cases.map((c) => c.boundRatio),
    0,
  );
  return [
    '## @optim-mirror/torch against real PyTorch',
    '',
    `Every library optimizer on its trace cases (${cases.length}, each in float64 and float32 torch runs), through this project's`,
    "command line (`--optimizer torch.<name>` with torch.optim's flags). The pytorch and manual runs are the library's float64",
    "reference; the float32 bound holds when the TF.js run strays from torch's float64 path no further than torch's own float32",
    'run does: per number, |tfjs − t64| ≤ 4·max over earlier rows of |t32 − t64| + 8·2⁻²⁴·max|row|; the table gives the worst',
    `ratio to that bound (at most 1 holds; worst of all: ${worstBound.toFixed(3)}).`,
    '',
    '| optimizer | cases | float64 reference vs torch (row-scaled) | TF.js / float32 bound | float32 replay = TF.js (cpu) |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ];
}

export function parityMarkdown(data: ParityData): string {
  const summary = TF_TRAIN_OPTIMIZERS.map((optimizer) => {
    const measured = data.cases.filter((c) => c.cpu.config.optimizer.definition === optimizer);
    const replay = measured.every((c) => c.cpu.diff.float32ReplayIdentical && c.wasm.diff.float32ReplayIdentical);
    const ruleGap = maxOf(measured.map((c) => c.cpu.parity.maxRelX));
    const traceGap = maxOf(measured.map((c) => c.pytorchVsTrace));
    return `| ${optimizer.title} | ${optimizer.sameRuleAsTorch ? 'yes' : '**no**'} | ${cell(optimizer.ruleDifference)} | ${replay ? 'yes' : 'no'} | ${formatDifference(ruleGap)} | ${formatDifference(traceGap)} |`;
  });
  const perOptimizer = TF_TRAIN_OPTIMIZERS.flatMap((optimizer) => [
    `### ${optimizer.title}`,
    '',
    `- TF.js ${code(optimizer.tfjsCall)}: ${optimizer.tfjsUpdate}`,
    `- PyTorch ${code(optimizer.torchCall)}: ${optimizer.torchUpdate}`,
    `- ${optimizer.sameRuleAsTorch ? 'Same rule' : 'Different rule'}: ${optimizer.ruleDifference}.`,
    `- To get PyTorch's behaviour: ${code(optimizer.porting.code)}: ${optimizer.porting.note}.`,
    '',
    ...defaultsTable(optimizer),
    '',
    ...data.cases.filter((c) => c.cpu.config.optimizer.definition === optimizer).flatMap((c) => [...caseLines(c), '']),
  ]);
  const flip = data.adadeltaFlip.result.runs;
  const nan = data.centeredRmspropNaN.result.runs;
  const nanGradient = nan.pytorch.rows[0].grad[0];
  const adagrad = data.adagradStart.result.runs;
  const adagradGradient = adagrad.tfjs.rows[0].grad[0];
  const firstStep = (run: RunHistory): number => Math.abs(run.rows[1].x[0] - run.rows[0].x[0]);
  const adagradSteps = { tfjs: firstStep(adagrad.manual), pytorch: firstStep(adagrad.pytorch) };
  const counts = data.tensorCounts.map(
    ({ name, counts: c }) =>
      `| ${name} | ${c.afterFirstStep} | ${c.afterLastStep} | ${c.leftAfterDispose}${c.leftAfterDispose ? ' **leak**' : ''} |`,
  );

  return [
    '# Porting torch.optim to TF.js: what to write, and where tf.train differs',
    '',
    `Generated by ${code('npm run parity')} on ${data.generatedOn} with TF.js ${data.tfjsVersion}; every number below is measured by that command.`,
    'The PyTorch side is the real `torch.optim` traces of `test/fixtures/torch-traces.json` (torch 1.13, float64, and float32 for',
    "the library's cases), and torch.optim's rules as @optim-mirror/torch computes them in float64 (the `pytorch` run), which must",
    'reproduce those traces to 1e-9. The TF.js side is the optimizer (float32), its Float64 mirror (`manual`), and the mirror',
    "replayed in float32 (`manual32`). Relative differences of x are taken against the row's largest |x|, of the loss against the loss.",
    '',
    '## What to write',
    '',
    ...portingTable(),
    '',
    'Even where the rule is the same, the defaults often are not: a port that leaves a hyperparameter at its default changes',
    "the optimizer. Pass every hyperparameter explicitly, or use the library, whose defaults are torch.optim's.",
    '',
    '## TF.js API traps, each measured',
    '',
    ...data.traps.flatMap(trapSection),
    '## Summary: tf.train against torch.optim',
    '',
    '| optimizer | same rule as PyTorch? | how the rules differ | float32 replay = TF.js (cpu, wasm) | TF.js rule vs PyTorch rule, largest rel. Δ of x on the trace case | our PyTorch rule vs torch trace |',
    '| --- | --- | --- | --- | --- | --- |',
    ...summary,
    '',
    ...librarySection(data.libraryCases),
    '## Each tf.train optimizer',
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
    'Tensors alive during and after a 20-step run on Rosenbrock (variable, gradients and optimizer disposed at the end), for',
    "every optimizer with its defaults — tf.train's, then @optim-mirror/torch's:",
    '',
    '| optimizer | after step 1 | after step 20 | left after dispose |',
    '| --- | --- | --- | --- |',
    ...counts,
    '',
    '`MomentumOptimizer` overrides `dispose()` and frees its momentum scalar and accumulators, but not the learning-rate scalar',
    '`c` it inherits from `SGDOptimizer`: one tensor per optimizer, for good. Create momentum optimizers once, not per step.',
    '',
  ].join('\n');
}
