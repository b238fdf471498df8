import type { PortChoice } from './choice';
import type { ClipPlan } from './clips';
import { oneLine } from './errors';
import type { Identifiers } from './identifiers';
import type { OptimizerCall } from './optimizerCall';
import type { PortPlan } from './plan';
import type { PlanValue, SchedulerNode } from './schedulers';
import type { TfTrainCall } from './tfTrain';
import { tsNumber, tsString, tsValue } from './text';

/**
 * The TypeScript the port prints: the optimizer (tf.train's with every argument explicit, or the
 * library's class with the arguments torch was given), the schedulers and the clipping, then a
 * training step in PyTorch's order showing where each goes. The measurement runs the same plan,
 * and the test compiles and runs this very text.
 */

const WIDTH = 100;

/** `text` in lines of at most WIDTH columns, each starting with `prefix` and a space. */
function wrapped(text: string, prefix: string): string[] {
  const lines: string[] = [];
  let line = prefix;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line.length + 1 + word.length > WIDTH && line !== prefix) {
      lines.push(line);
      line = prefix;
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines;
}

/** `// text`, wrapped. */
function comment(text: string, indent = ''): string[] {
  return wrapped(text, `${indent}//`);
}

/** `tf.train.momentum(0.1, 0.9, true)`: every argument, in TF.js's order. */
export function tfTrainText(call: TfTrainCall, optimizer: OptimizerCall): string {
  const args = call.args.map(({ parameter, value }) => {
    const written = optimizer.arguments.find((a) => a.name === parameter.torch && a.kind === 'option');
    const text = written?.kind === 'option' && parameter.torch !== 'betas' ? written.text : null;
    return typeof value === 'boolean' ? String(value) : tsNumber(value, text);
  });
  return `tf.train.${call.factory}(${args.join(', ')})`;
}

/** `new AdamW({ lr: 3e-4, weightDecay: 0.1 })`: the options torch was given, by the library's names. */
export function libraryText(className: string, optimizer: OptimizerCall): string {
  const options = optimizer.arguments.flatMap((a) => {
    if (a.kind !== 'option' || !a.given) return [];
    return [`${a.key}: ${tsValue(a.value, a.text)}`];
  });
  // Adam(decoupled_weight_decay=True) is AdamW with Adam's default weight decay unless given.
  if (className !== optimizer.writtenClass && !optimizer.arguments.some((a) => a.name === 'weight_decay' && a.given)) {
    options.push(`weightDecay: ${tsNumber(Number(optimizer.options.weightDecay))}`);
  }
  return options.length === 0 ? `new ${className}()` : `new ${className}({ ${options.join(', ')} })`;
}

export function optimizerText(choice: PortChoice, optimizer: OptimizerCall): string {
  return choice.kind === 'tf.train' ? tfTrainText(choice.call, optimizer) : libraryText(choice.className, optimizer);
}

function valueText(value: PlanValue, written: string | null, names: Identifiers): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return tsNumber(value, written);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return tsString(value);
  if (Array.isArray(value)) return `[${value.map((v) => valueText(v, null, names)).join(', ')}]`;
  switch (value.kind) {
    case 'scheduler':
      return schedulerText(value, names);
    case 'ref':
      return names.schedulerNamed.get(value.name) ?? value.name;
    case 'lambda':
      return value.text;
  }
}

/** `new StepLR(optimizer, { stepSize: 10, gamma: 0.5 })`. */
export function schedulerText(node: SchedulerNode, names: Identifiers): string {
  const given = node.args.filter((a) => a.arg.torchOnly !== true);
  if (node.className === 'ChainedScheduler') {
    const schedulers = given.find((a) => a.arg.torch === 'schedulers');
    const list = schedulers === undefined ? '[]' : valueText(schedulers.value, null, names);
    const withOptimizer = node.args.some((a) => a.arg.kind === 'optimizer');
    return `new ChainedScheduler(${list}${withOptimizer ? `, ${names.optimizer}` : ''})`;
  }
  const options = given.map((a) => `${a.arg.name}: ${valueText(a.value, a.text, names)}`);
  return `new ${node.className}(${names.optimizer}${options.length === 0 ? '' : `, { ${options.join(', ')} }`})`;
}

/** Every scheduler class a node builds, nested ones included, in order. */
function schedulerClasses(value: PlanValue, found: string[]): void {
  if (Array.isArray(value)) value.forEach((v) => schedulerClasses(v, found));
  else if (value !== null && typeof value === 'object' && value.kind === 'scheduler') {
    found.push(value.className);
    value.args.forEach((a) => schedulerClasses(a.value, found));
  }
}

/** `clipGradNorm(grads, 1.0)`: the library's clipping of every gradient of the step together. */
export function clipText(clip: ClipPlan): string {
  const written = (name: string): string | null => clip.arguments.find((a) => a.name === name)?.text ?? null;
  if (clip.fn === 'clip_grad_value_') return `clipGradValue(grads, ${tsNumber(clip.clipValue, written('clip_value'))})`;
  const normGiven = clip.arguments.some((a) => a.name === 'norm_type' && a.given);
  const norm = normGiven ? `, ${tsNumber(clip.normType, written('norm_type'))}` : '';
  return `clipGradNorm(grads, ${tsNumber(clip.maxNorm, written('max_norm'))}${norm})`;
}

function imports(plan: PortPlan): string[] {
  const names: string[] = [];
  if (plan.choice.kind === 'library') names.push(plan.choice.className);
  for (const definition of plan.schedule?.definitions ?? []) schedulerClasses(definition.node, names);
  for (const clip of plan.clips) names.push(clip.signature.library);
  const unique = [...new Set(names)];
  return [
    "import * as tf from '@tensorflow/tfjs';",
    ...(unique.length > 0 ? [`import { ${unique.join(', ')} } from '@optim-mirror/torch';`] : []),
  ];
}

function optimizerLines(plan: PortPlan): string[] {
  const { choice, optimizer, names } = plan;
  const lines = comment(oneLine(optimizer.statement.statement.text));
  if (choice.kind === 'tf.train') {
    lines.push(
      ...comment(
        `tf.train.${choice.call.factory} is torch's rule for these arguments; every argument is passed, since TF.js's defaults differ from torch's.`,
      ),
    );
    const parameters = choice.call.args.map((a) => a.parameter.name).join(', ');
    // Typed as tf.Optimizer: some tf.train classes declare a narrower applyGradients than tf.variableGrads gives.
    lines.push(`const ${names.optimizer}: tf.Optimizer = ${tfTrainText(choice.call, optimizer)}; // ${parameters}`);
  } else {
    lines.push(...comment(`${choice.className} from @optim-mirror/torch: ${choice.why}.`));
    lines.push(`const ${names.optimizer} = ${libraryText(choice.className, optimizer)};`);
  }
  return lines;
}

function schedulerLines(plan: PortPlan): string[] {
  return (plan.schedule?.definitions ?? []).flatMap((definition, i) => [
    ...comment(oneLine(definition.statement.statement.text)),
    `const ${plan.names.schedulers[i]} = ${schedulerText(definition.node, plan.names)};`,
  ]);
}

function stepLines(plan: PortPlan): string[] {
  const { schedule, clips, names } = plan;
  const order = [
    'backward',
    ...clips.map((c) => c.fn),
    'optimizer.step()',
    ...(schedule === null ? [] : ['scheduler.step()']),
  ].join(', ');
  const perEpoch =
    schedule === null ? '' : ' (here after every step: step it where your PyTorch loop does, per batch or per epoch)';
  const body: string[] = [
    '  // optimizer.zero_grad(); loss.backward(): TF.js computes fresh gradients, nothing accumulates',
    '  const { value, grads } = tf.variableGrads(loss, variables);',
  ];
  clips.forEach((clip, i) => {
    body.push(...comment(oneLine(clip.statement.statement.text), '  '));
    const kept = names.clips[i];
    body.push(`  ${kept === null ? '' : `const ${kept} = `}${clipText(clip)};`);
  });
  body.push(`  ${names.optimizer}.applyGradients(grads); // optimizer.step()`);
  body.push('  const lossValue = value.dataSync()[0];');
  if (schedule !== null) {
    const stepped = names.schedulers[schedule.definitions.indexOf(schedule.stepped)];
    body.push(
      schedule.plateau
        ? `  ${stepped}.step(lossValue); // scheduler.step(metric): PyTorch code usually passes a validation loss per epoch`
        : `  ${stepped}.step(); // scheduler.step()`,
    );
  }
  body.push('  tf.dispose([value, ...Object.values(grads)]);', '  return lossValue;');
  return [
    '/**',
    ...wrapped(`One training step in PyTorch's order: ${order}${perEpoch}.`, ' *'),
    ...wrapped('`variables`: the tf.Variables to train (model.parameters()); all trainable ones when left out.', ' *'),
    ' */',
    'function trainStep(loss: () => tf.Scalar, variables?: tf.Variable[]): number {',
    ...body,
    '}',
  ];
}

/** The whole TypeScript, ending in a newline. */
export function renderTypeScript(plan: PortPlan): string {
  return (
    [...imports(plan), '', ...optimizerLines(plan), ...schedulerLines(plan), '', ...stepLines(plan)].join('\n') + '\n'
  );
}
