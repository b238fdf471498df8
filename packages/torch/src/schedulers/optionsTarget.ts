/**
 * The target of a schedule, without TF.js: what a scheduler reads and writes between steps, and
 * how an optimizer of this library (a TF.js one or a reference one) offers it through
 * getOptions/setOptions.
 */
/**
 * What a scheduler drives: the learning rate of an optimizer and, where the optimizer has one that
 * can change between steps, its momentum or Adam's β1 (torch's `param_groups[0]['momentum']` and
 * `param_groups[0]['betas'][0]`). One target serves torch.optim's rules from this library and
 * tf.train's optimizers alike, and never touches their state: moments and buffers carry on.
 */
export interface ScheduleTarget {
  /** Names the optimizer in messages: `SGD from @optim-mirror/torch`, `tf.train.adam`. */
  readonly description: string;
  getLr(): number;
  setLr(lr: number): void;
  /** torch: 'momentum' in optimizer.defaults (SGD, RMSprop). */
  readonly momentum?: Knob;
  /** torch: 'betas' in optimizer.defaults (Adam, AdamW, Adamax, NAdam, RAdam): β1 = betas[0]. */
  readonly beta1?: Knob;
  /**
   * Set when the optimizer has a momentum or β1 that a schedule cannot change (tf.train's): the
   * reason, and the library class that can.
   */
  readonly fixedMomentum?: { what: string; why: string; use: string };
}

/** A number the schedule reads and writes between steps. */
export interface Knob {
  get(): number;
  set(value: number): void;
}

/** An optimizer of this library, duck-typed: `getOptions()`/`setOptions()` with torch's option names. */
export interface OptionsOptimizer {
  getOptions(): { lr: number; momentum?: number; betas?: readonly [number, number] };
  setOptions(options: { lr?: number; momentum?: number; betas?: readonly [number, number] }): void;
}

/**
 * The target of an optimizer that offers torch's options: the lr, and β1 (when it has betas) or the
 * momentum, which every rule of this library reads at each step. `name` names it in messages.
 */
export function optionsTarget(optimizer: OptionsOptimizer, name: string): ScheduleTarget {
  const options = optimizer.getOptions();
  const description = `${name} from @optim-mirror/torch`;
  const lr: Pick<ScheduleTarget, 'getLr' | 'setLr'> = {
    getLr: () => optimizer.getOptions().lr,
    setLr: (value) => optimizer.setOptions({ lr: value }),
  };
  if (options.betas !== undefined) {
    const beta1: Knob = {
      get: () => (optimizer.getOptions().betas ?? [0, 0])[0],
      set: (value) => {
        const [, beta2] = optimizer.getOptions().betas ?? [0, 0];
        optimizer.setOptions({ betas: [value, beta2] });
      },
    };
    return { description, ...lr, beta1 };
  }
  if (options.momentum !== undefined) {
    const momentum: Knob = {
      get: () => optimizer.getOptions().momentum ?? 0,
      set: (value) => optimizer.setOptions({ momentum: value }),
    };
    return { description, ...lr, momentum };
  }
  return { description, ...lr };
}
