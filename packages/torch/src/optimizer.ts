import * as tf from '@tensorflow/tfjs-core';
import { optionEntries, resolveOptions } from './options';
import type { ParameterState, TorchRule } from './rule';
import { TFJS_ARITHMETIC } from './tfjsArithmetic';

/** What tf.Optimizer's get/setWeights and applyGradients trade in (tfjs-core does not export its name). */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/** One parameter's state, as the optimizer keeps it between steps. */
interface Slot {
  step: number;
  tensors: Map<string, tf.Variable>;
  scalars: Partial<Record<string, number>>;
}

/** A weight of `getWeights()`: `<variable name>/<torch state name>`, or `iter`. */
function splitWeightName(name: string): [string, string] {
  const slash = name.lastIndexOf('/');
  if (slash <= 0) throw new Error(`setWeights: "${name}" is not <variable>/<state>`);
  return [name.slice(0, slash), name.slice(slash + 1)];
}

/**
 * A `tf.Optimizer` that runs one of torch.optim's rules on TF.js tensors. Each variable keeps its
 * own state and step count, by torch's state_dict names, as torch keeps them per parameter.
 * Options can change between steps (`setOptions`, `lr`) without touching the state.
 */
export abstract class TorchOptimizer<O extends { lr: number }> extends tf.Optimizer {
  protected readonly options: O;
  private readonly slots = new Map<string, Slot>();

  protected constructor(
    private readonly rule: TorchRule<O>,
    options: Partial<O>,
  ) {
    super();
    this.options = resolveOptions(rule.className, rule.options, rule.rules, options);
  }

  /**
   * `x instanceof AdamW` asks the prototype chain, as usual: tf.Optimizer answers `instanceof` by
   * duck typing (any object with minimize, computeGradients and applyGradients), which would make
   * every optimizer an AdamW.
   */
  static override [Symbol.hasInstance](instance: unknown): boolean {
    return (
      typeof instance === 'object' && instance !== null && Object.prototype.isPrototypeOf.call(this.prototype, instance)
    );
  }

  /** The options in force, torch's defaults filled in (a copy). */
  getOptions(): O {
    return { ...this.options };
  }

  /** Changes options for the next steps (a schedule's lr, momentum or betas); the state stays. */
  setOptions(options: Partial<O>): void {
    Object.assign(
      this.options,
      resolveOptions(this.rule.className, this.rule.options, this.rule.rules, { ...this.options, ...options }),
    );
  }

  /** The learning rate (torch: `param_groups[0]['lr']`). */
  get lr(): number {
    return this.options.lr;
  }
  set lr(value: number) {
    this.setOptions({ ...this.options, lr: value });
  }
  /** tf.train's spelling of `lr = value`. */
  setLearningRate(value: number): void {
    this.lr = value;
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const pairs: Array<[string, tf.Tensor | undefined]> = Array.isArray(variableGradients)
      ? variableGradients.map(({ name, tensor }) => [name, tensor])
      : Object.entries(variableGradients);
    for (const [name, grad] of pairs) {
      // torch.optim skips parameters whose .grad is None.
      if (grad == null) continue;
      const variable = tf.engine().registeredVariables[name];
      if (variable === undefined) throw new Error(`${this.rule.className}: no variable named ${name}`);
      const slot = this.slotFor(name, variable);
      slot.step += 1;
      tf.tidy(() => {
        const state: ParameterState<tf.Tensor> = { tensors: Object.fromEntries(slot.tensors), scalars: slot.scalars };
        const output = this.rule.step(TFJS_ARITHMETIC, {
          param: variable,
          grad,
          state,
          step: slot.step,
          options: this.options,
        });
        variable.assign(output.param);
        for (const [key, value] of Object.entries(output.tensors)) {
          if (value === undefined) continue;
          const held = slot.tensors.get(key);
          if (held) held.assign(value);
          else slot.tensors.set(key, tf.variable(value, false));
        }
        slot.scalars = { ...slot.scalars, ...output.scalars };
      });
    }
    this.incrementIterations();
  }

  private slotFor(name: string, variable: tf.Variable): Slot {
    let slot = this.slots.get(name);
    if (slot === undefined) {
      const tensors = new Map<string, tf.Variable>();
      for (const [key, fill] of Object.entries(this.rule.initialTensors(this.options))) {
        tensors.set(
          key,
          tf.tidy(() => tf.variable(tf.fill(variable.shape, fill, 'float32'), false)),
        );
      }
      slot = { step: 0, tensors, scalars: { ...this.rule.initialScalars } };
      this.slots.set(name, slot);
    }
    return slot;
  }

  /** Frees every state tensor; the optimizer starts afresh if used again. */
  override dispose(): void {
    for (const slot of this.slots.values()) for (const tensor of slot.tensors.values()) tensor.dispose();
    this.slots.clear();
  }

  /**
   * The whole state: `iter`, then per variable `<name>/step`, each state tensor as
   * `<name>/<torch name>` and each state scalar. Every tensor is a new copy the caller owns.
   */
  override async getWeights(): Promise<NamedTensor[]> {
    const weights: NamedTensor[] = [await this.saveIterations()];
    for (const [name, slot] of this.slots) {
      weights.push({ name: `${name}/step`, tensor: tf.scalar(slot.step, 'int32') });
      for (const [key, tensor] of slot.tensors) weights.push({ name: `${name}/${key}`, tensor: tf.clone(tensor) });
      for (const [key, value] of Object.entries(slot.scalars)) {
        if (value !== undefined) weights.push({ name: `${name}/${key}`, tensor: tf.scalar(value) });
      }
    }
    return weights;
  }

  /** Restores what `getWeights` returned (copies it: the caller may dispose its tensors). */
  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    const scalarNames = new Set(['step', ...Object.keys(this.rule.initialScalars ?? {})]);
    this.dispose();
    for (const { name: weightName, tensor } of rest) {
      const [name, key] = splitWeightName(weightName);
      let slot = this.slots.get(name);
      if (slot === undefined) {
        slot = { step: 0, tensors: new Map(), scalars: { ...this.rule.initialScalars } };
        this.slots.set(name, slot);
      }
      if (scalarNames.has(key)) {
        const value = (await tensor.data())[0];
        if (key === 'step') slot.step = value;
        else slot.scalars[key] = value;
      } else {
        slot.tensors.set(
          key,
          tf.tidy(() => tf.variable(tf.clone(tensor), false)),
        );
      }
    }
  }

  /** The options, for `tf.serialization` (`fromConfig` builds the same optimizer from them). */
  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = {};
    for (const [key, value] of optionEntries(this.options))
      config[key] = typeof value === 'object' ? [...value] : value;
    return config;
  }
}
