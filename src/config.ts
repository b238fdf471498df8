import type { ObjectiveName } from './objectives/registry';
import type { Hyperparameters, OptimizerName } from './optimizers/registry';
import type { BackendChoice } from './tfjs/backend';

export type Lang = 'en' | 'zh';

/** The runs of one training, by their JSON names. */
export type RunName = 'manual' | 'tfjs' | 'manual32' | 'pytorch';
export const RUN_NAMES: readonly RunName[] = ['manual', 'tfjs', 'manual32', 'pytorch'];

/** One training, fully resolved: what the flags asked for with every default filled in. */
export interface TrainConfig {
  objective: ObjectiveName;
  optimizer: OptimizerName;
  /** What each library's run uses: the flags given, and each library's own defaults for the rest. */
  hyperparameters: { tfjs: Hyperparameters; torch: Hyperparameters };
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
}
