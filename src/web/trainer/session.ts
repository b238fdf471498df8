import type { TrainConfig } from '../../config';
import { startTraining, type Backend, type Training, type TrainResult } from '../../run/training';

/**
 * The trainings the page shows, one per optimizer, each the command line's four runs side by side
 * (src/run/training.ts), advanced together: in the trainer (a Web Worker), as far as the page asks.
 */
export interface SessionRun {
  /** The --optimizer name. */
  name: string;
  config: TrainConfig;
  training: Training;
}

export class Session {
  readonly runs: SessionRun[];
  readonly iterations: number;

  constructor(configs: readonly TrainConfig[], backend: Backend) {
    this.runs = configs.map((config) => {
      // A resumed run would have to wait for its TF.js state (Training.ready); the page offers no
      // --resume-torch, so every training here can step at once.
      if (config.resume) throw new Error('the playground does not resume PyTorch runs');
      // The config's backend says what ran, as `--backend cpu` would (webgl has no flag of its own).
      const ran: TrainConfig = { ...config, backend: backend.name };
      return { name: config.optimizer.definition.name, config: ran, training: startTraining(ran, backend) };
    });
    this.iterations = configs[0]?.iterations ?? 0;
  }

  get done(): boolean {
    return this.runs.every((run) => run.training.lockstep.done);
  }

  /** Up to `count` iterations of every run not done; how many iterations were run. */
  advance(count: number): number {
    let ran = 0;
    for (let k = 0; k < count && !this.done; k++) {
      for (const run of this.runs) run.training.lockstep.advance();
      ran++;
    }
    return ran;
  }

  /** Each optimizer's result: whole once `done`, as the command line writes its files. */
  results(): TrainResult[] {
    return this.runs.map((run) => run.training.result());
  }

  dispose(): void {
    for (const run of this.runs) run.training.dispose();
  }
}
