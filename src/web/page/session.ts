import type { TrainConfig } from '../../config';
import { startTraining, type Backend, type Training, type TrainResult } from '../../run/training';

/**
 * The trainings on screen, one per optimizer, each the command line's four runs side by side
 * (src/run/training.ts), advanced together a few iterations per animation frame.
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
  /** Iterations run so far, over all optimizers (each iteration is one step of each of the four runs). */
  stepsTaken = 0;

  constructor(configs: readonly TrainConfig[], backend: Backend) {
    this.runs = configs.map((config) => {
      // The config's backend says what ran, as `--backend cpu` would (webgl has no flag of its own).
      const ran: TrainConfig = { ...config, backend: backend.name };
      return { name: config.optimizer.definition.name, config: ran, training: startTraining(ran, backend) };
    });
    this.iterations = configs[0]?.iterations ?? 0;
  }

  get done(): boolean {
    return this.runs.every((run) => run.training.lockstep.done);
  }

  /** Iterations run so far: all of them once every run is done (a run that diverged stops early). */
  get iteration(): number {
    const going = this.runs.filter((run) => !run.training.lockstep.done);
    if (going.length === 0) return this.iterations;
    return Math.max(...going.map((run) => run.training.lockstep.iteration - 1));
  }

  /** Up to `count` iterations of every run not done; how many iterations were run. */
  advance(count: number): number {
    let ran = 0;
    for (let k = 0; k < count && !this.done; k++) {
      for (const run of this.runs) if (run.training.lockstep.advance()) this.stepsTaken++;
      ran++;
    }
    return ran;
  }

  /** Runs what is left: exports hold whole runs, as the command line writes them. */
  finish(): void {
    while (!this.done) this.advance(1000);
  }

  results(): TrainResult[] {
    return this.runs.map((run) => run.training.result());
  }

  dispose(): void {
    for (const run of this.runs) run.training.dispose();
  }
}
