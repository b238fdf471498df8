import type { SchedulerCall } from '@optim-mirror/torch/reference';
import type { ObjectiveName } from './objectives/registry';
import type { ResolvedOptimizer } from './optimizers/optimizer';
import type { GradientNoise } from './run/noise';
import type { BackendChoice } from './tfjs/backend';
import type { TuneSettings } from './tune/settings';

export type Lang = 'en' | 'zh';

/** The runs of one training, by their JSON names. */
export type RunName = 'manual' | 'tfjs' | 'manual32' | 'pytorch';
export const RUN_NAMES: readonly RunName[] = ['manual', 'tfjs', 'manual32', 'pytorch'];

/** `--clip-grad-norm MAX` (clip_grad_norm_) or `--clip-grad-value V` (clip_grad_value_). */
export type GradientClip = { kind: 'norm'; maxNorm: number } | { kind: 'value'; clipValue: number };

/** One training, fully resolved: what the flags asked for with every default filled in. */
export interface TrainConfig {
  objective: ObjectiveName;
  /** The optimizer with what each library's run uses: the flags given, each library's defaults for the rest. */
  optimizer: ResolvedOptimizer;
  /** Gradient clipping before every step, in every run (torch.nn.utils semantics), or none. */
  clip: GradientClip | null;
  /** A torch.optim.lr_scheduler call (as given, and as data), stepped after every optimizer step in every run, or none. */
  scheduler: { text: string; call: SchedulerCall } | null;
  /** Which runs get a table on stdout, in order (the original's two by default). */
  tables: RunName[];
  x0: number[];
  iterations: number;
  backend: BackendChoice;
  lang: Lang;
  /** Loss.png on a logarithmic y axis. */
  logScale: boolean;
  /** Trajectory.png for one optimizer (2-D problems; a comparison always draws it). */
  trajectory: boolean;
  outDir: string;
  jsonPath: string | null;
  csvPath: string | null;
  /** `--noise SIGMA` (with `--seed`): Gaussian noise on every gradient, the same draws in every run; absent or null: none. */
  noise?: GradientNoise | null;
  /** `--tune`: search this optimizer's learning rate first, then train at the best; absent or null: train at --lr. */
  tune?: TuneSettings | null;
  /** `--animate`: also write Trajectory.gif (2-D problems). */
  animate?: boolean;
}
