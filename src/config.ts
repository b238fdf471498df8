import type { ObjectiveName } from './objectives/registry';
import type { OptimizerName, ResolvedHyperparameters } from './optimizers/registry';
import type { BackendChoice } from './tfjs/backend';

export type Lang = 'en' | 'zh';

/** One training, fully resolved: what the flags asked for with every default filled in. */
export interface TrainConfig {
  objective: ObjectiveName;
  optimizer: OptimizerName;
  hyperparameters: ResolvedHyperparameters;
  x0: number[];
  iterations: number;
  backend: BackendChoice;
  lang: Lang;
  outDir: string;
  jsonPath: string | null;
}
