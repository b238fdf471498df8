import type { PortChoice } from './choice';
import type { ClipPlan } from './clips';
import type { Identifiers } from './identifiers';
import type { OptimizerCall, SwitchArgument, TorchArgument } from './optimizerCall';
import type { PortPlan } from './plan';
import { schedulerText } from './render';
import type { PlanValue, SchedulerNode } from './schedulers';
import { pythonValue, tsNumber, tsValue } from './text';
import { TF_TRAIN_PARAMETERS } from './tfTrain';

/**
 * The table: one row per PyTorch argument of every call ported (each optimizer argument, given or
 * not, since a default that differs changes the optimizer; the scheduler's and the clipping's as
 * given, their defaults being torch's in the library too), saying what becomes of it in TF.js.
 */

export const STATUSES = [
  'same',
  'renamed',
  'default differs',
  'provided by @optim-mirror/torch',
  'not needed',
  'not supported',
] as const;
export type Status = (typeof STATUSES)[number];

export interface ArgumentRow {
  /** The torch call it belongs to: `SGD`, `OneCycleLR`, `clip_grad_norm_`. */
  call: string;
  /** torch's name of the argument. */
  name: string;
  /** Whether the code gave it (else torch's default is in force). */
  given: boolean;
  /** As written in the code, or torch's default as Python writes it. */
  value: string;
  status: Status;
  /** What the printed TypeScript does with it. */
  tfjs: string;
  /** Both defaults, where they differ. */
  defaults: { torch: string; tfjs: string } | null;
  note: string;
}

const PARAMS_NOTE =
  'torch binds the parameters when the optimizer is built; a TF.js optimizer updates whichever variables it is given gradients for';

function switchRow(
  call: string,
  a: SwitchArgument,
): Omit<ArgumentRow, 'call' | 'name' | 'given' | 'value' | 'defaults'> {
  const in2x = a.since === '2.x' ? ' (PyTorch 2.x)' : '';
  switch (a.name) {
    case 'foreach':
      return {
        status: 'not needed',
        tfjs: '—',
        note: `chooses torch's multi-tensor kernels; the step is the same${in2x}`,
      };
    case 'capturable':
      return a.value === true
        ? {
            status: 'not supported',
            tfjs: '—',
            note: 'CUDA graph capture has no TF.js counterpart; the step is computed as without it',
          }
        : { status: 'not needed', tfjs: '—', note: `for CUDA graph capture${in2x}` };
    case 'differentiable':
      return a.value === true
        ? { status: 'not supported', tfjs: '—', note: 'TF.js does not differentiate through an optimizer step' }
        : { status: 'not needed', tfjs: '—', note: `autograd through the step${in2x}` };
    case 'fused':
      return a.value === true
        ? {
            status: 'not supported',
            tfjs: '—',
            note: "fused kernels round differently; the port follows torch's single-tensor path",
          }
        : { status: 'not needed', tfjs: '—', note: `fused kernels${in2x}` };
    default:
      // decoupled_weight_decay
      if (a.value !== true) return { status: 'not needed', tfjs: '—', note: `weight decay as ${call}'s own${in2x}` };
      if (call === 'Adam') {
        return {
          status: 'provided by @optim-mirror/torch',
          tfjs: 'AdamW',
          note: `Adam(decoupled_weight_decay=True) is AdamW's rule${in2x}`,
        };
      }
      return { status: 'not needed', tfjs: '—', note: `no effect at weight_decay 0${in2x}` };
  }
}

function optimizerRows(optimizer: OptimizerCall, choice: PortChoice): ArgumentRow[] {
  const call = optimizer.writtenClass;
  return optimizer.arguments.map((a: TorchArgument): ArgumentRow => {
    const base = {
      call,
      name: a.name,
      given: a.given,
      value: a.text ?? pythonValue(a.kind === 'params' ? null : a.torchDefault),
      defaults: null,
    };
    if (a.kind === 'params') {
      return { ...base, status: 'renamed', tfjs: "trainStep's variables", note: PARAMS_NOTE };
    }
    if (a.kind === 'switch') return { ...base, ...switchRow(call, a) };
    const lrRequired = a.name === 'lr' && call === 'SGD' && !a.given ? "PyTorch 2.x's default; 1.13 requires lr" : '';
    const only2x = a.onlyIn2x ? `PyTorch 2.x (1.13's ${call} has no ${a.name})` : '';
    const versionNote = [lrRequired, only2x].filter(Boolean).join('; ');
    if (choice.kind === 'library') {
      const tfjs = a.given ? `${a.key}: ${tsValue(a.value, a.text)}` : `${a.key} (default ${tsValue(a.value)})`;
      return { ...base, status: 'provided by @optim-mirror/torch', tfjs, note: versionNote };
    }
    const factory = choice.call.factory;
    const parameters = TF_TRAIN_PARAMETERS[factory].filter((p) => p.torch === a.name);
    if (parameters.length === 0) {
      return {
        ...base,
        status: 'not needed',
        tfjs: '—',
        note: `tf.train.${factory} has no ${a.name}; ${pythonValue(a.value)} ${a.given ? 'as given' : "(torch's default)"} is none`,
      };
    }
    const values = parameters.map((p) => choice.call.args.find((arg) => arg.parameter === p)?.value ?? NaN);
    const tfjs = parameters
      .map((p, i) => `${p.name} = ${typeof values[i] === 'boolean' ? String(values[i]) : tsNumber(Number(values[i]))}`)
      .join(', ');
    const tfjsDefault = parameters.map((p) => (p.tfjsDefault === undefined ? 'none' : pythonValue(p.tfjsDefault)));
    const tfjsDefaultText = tfjsDefault.length === 1 ? tfjsDefault[0] : `(${tfjsDefault.join(', ')})`;
    const torchDefaultText = pythonValue(a.torchDefault);
    const differs =
      tfjsDefaultText !== torchDefaultText && (a.given === false || tfjsDefault.some((d) => d !== 'none'));
    if (differs) {
      const passed = tfjsDefault.includes('none') ? 'tf.train needs it passed' : 'passed explicitly';
      return {
        ...base,
        status: 'default differs',
        tfjs,
        defaults: { torch: torchDefaultText, tfjs: tfjsDefaultText },
        note: [`torch ${torchDefaultText}, tf.train ${tfjsDefaultText}: ${passed}`, versionNote]
          .filter(Boolean)
          .join('; '),
      };
    }
    return { ...base, status: parameters[0].name === a.name ? 'same' : 'renamed', tfjs, note: versionNote };
  });
}

function planValueText(value: PlanValue, names: Identifiers): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return '';
  if (value.kind === 'lambda') return value.text;
  if (value.kind === 'scheduler') return schedulerText(value, names);
  return names.schedulerNamed.get(value.name) ?? value.name;
}

function schedulerRows(node: SchedulerNode, names: Identifiers): ArgumentRow[] {
  const rows: ArgumentRow[] = [];
  if (node.optimizerText !== null) {
    rows.push({
      call: node.className,
      name: 'optimizer',
      given: true,
      value: node.optimizerText,
      status: 'same',
      tfjs: names.optimizer,
      defaults: null,
      note: '',
    });
  }
  for (const { arg, value, text } of node.args) {
    const base = { call: node.className, name: arg.torch, given: true, value: text, defaults: null };
    if (arg.kind === 'optimizer') {
      rows.push({ ...base, status: 'same', tfjs: names.optimizer, note: '' });
    } else if (arg.torchOnly === true) {
      rows.push({ ...base, status: 'not needed', tfjs: '—', note: arg.doc });
    } else {
      const shown = planValueText(value, names) || text;
      rows.push({ ...base, status: 'provided by @optim-mirror/torch', tfjs: `${arg.name}: ${shown}`, note: '' });
    }
    // Schedulers built inside this one get their own rows.
    const nested = Array.isArray(value) ? value : [value];
    for (const item of nested) {
      if (item !== null && typeof item === 'object' && !Array.isArray(item) && item.kind === 'scheduler') {
        rows.push(...schedulerRows(item, names));
      }
    }
  }
  return rows;
}

function clipRows(clip: ClipPlan): ArgumentRow[] {
  return clip.arguments.map((a): ArgumentRow => {
    const base = {
      call: clip.fn,
      name: a.name,
      given: a.given,
      value: a.text ?? pythonValue(a.torchDefault),
      defaults: null,
    };
    const provided = (option: string): ArgumentRow => ({
      ...base,
      status: 'provided by @optim-mirror/torch',
      tfjs: `${clip.signature.library}'s ${option}`,
      note: '',
    });
    switch (a.name) {
      case 'parameters':
        return {
          ...base,
          status: 'renamed',
          tfjs: 'grads (from tf.variableGrads)',
          note: 'every gradient of the step, clipped together',
        };
      case 'max_norm':
        return provided('maxNorm');
      case 'norm_type':
        return provided('normType');
      case 'clip_value':
        return provided('clipValue');
      case 'error_if_nonfinite':
        return a.value === true
          ? {
              ...base,
              status: 'not supported',
              tfjs: '—',
              note: 'clipGradNorm returns the total norm: throw when it is not finite (torch raises before clipping)',
            }
          : { ...base, status: 'not needed', tfjs: '—', note: 'raise on a non-finite total norm' };
      default:
        return { ...base, status: 'not needed', tfjs: '—', note: "chooses torch's multi-tensor kernels (PyTorch 2.x)" };
    }
  });
}

export function argumentRows(plan: PortPlan): ArgumentRow[] {
  return [
    ...optimizerRows(plan.optimizer, plan.choice),
    ...(plan.schedule?.definitions ?? []).flatMap((d) => schedulerRows(d.node, plan.names)),
    ...plan.clips.flatMap(clipRows),
  ].map(({ call, name, given, value, status, tfjs, defaults, note }) => ({
    // One key order for every row, as the JSON shows them.
    call,
    name,
    given,
    value,
    status,
    tfjs,
    defaults,
    note,
  }));
}
