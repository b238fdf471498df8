import type { SchedulerCall } from '@optim-mirror/torch/reference';
import type { ObjectiveName } from './objectives/registry';
import type { ResolvedOptimizer, Value } from './optimizers/optimizer';
import type { GradientNoise } from './run/noise';
import type { BackendChoice } from './tfjs/backend';
import type { TuneSettings } from './tune/settings';

export type Lang = 'en' | 'zh';

/** The runs of one training, by their JSON names. */
export type RunName = 'manual' | 'tfjs' | 'manual32' | 'pytorch';
export const RUN_NAMES: readonly RunName[] = ['manual', 'tfjs', 'manual32', 'pytorch'];

/** `--clip-grad-norm MAX` (clip_grad_norm_) or `--clip-grad-value V` (clip_grad_value_). */
export type GradientClip = { kind: 'norm'; maxNorm: number } | { kind: 'value'; clipValue: number };

/** `--resume-torch FILE`: a PyTorch run's exported state, which the run continues from. */
export interface TorchResume {
  path: string;
  /** The file as parsed (scripts/export_torch_state.py's format); loaded into each run's optimizer. */
  json: unknown;
  /** torch.optim's class (`Adam`) and its options as @optim-mirror/torch names them. */
  className: string;
  options: Record<string, Value>;
  /** The file's parameter: where every run starts. */
  x0: number[];
  /** The steps torch took before the export (each run's step count starts there); null for SGD, which counts none. */
  steps: number | null;
}

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
  /** `--resume-torch FILE`: every run continues from a PyTorch run's state (a torch.* optimizer); absent or null: a fresh start. */
  resume?: TorchResume | null;
}
