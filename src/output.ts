import { join } from 'node:path';
import { writeFileAtomic } from './io/atomicWrite';
import { OBJECTIVES } from './objectives/registry';
import { OPTIMIZERS } from './optimizers/registry';
import { renderChartPng } from './plot/chartCanvas';
import { LOSS_CHART_SIZE, lossChartConfig } from './plot/lossChart';
import type { TrainResult } from './train';

/** The JSON contract other tools read: keep these names. */
export function trainJson(result: TrainResult): object {
  const { config } = result;
  return {
    config: {
      objective: config.objective,
      optimizer: config.optimizer,
      hyperparameters: { tfjs: config.hyperparameters.tfjs, pytorch: config.hyperparameters.torch },
      x0: config.x0,
      iterations: config.iterations,
      backend: config.backend,
    },
    backend: result.backend,
    runs: result.runs,
    diff: result.diff,
    parity: result.parity,
  };
}

export function lossChartTitle(result: TrainResult): string {
  const { config } = result;
  return `${OPTIMIZERS[config.optimizer].title}, lr = ${config.hyperparameters.tfjs.lr}: L = ${OBJECTIVES[config.objective].formula}`;
}

/** Renders Loss.png (and the JSON when asked), each written atomically; returns the paths written. */
export async function writeTrainOutputs(result: TrainResult): Promise<string[]> {
  const { config, runs } = result;
  const png = await renderChartPng(
    LOSS_CHART_SIZE,
    lossChartConfig(lossChartTitle(result), [
      { label: `TF.js (float32, ${result.backend})`, history: runs.tfjs, colour: '#d62728', dashed: false },
      { label: 'manual (Float64Array)', history: runs.manual, colour: '#1f3b99', dashed: true },
    ]),
  );
  const written: string[] = [];
  const pngPath = join(config.outDir, 'Loss.png');
  writeFileAtomic(pngPath, png);
  written.push(pngPath);
  if (config.jsonPath !== null) {
    writeFileAtomic(config.jsonPath, JSON.stringify(trainJson(result), null, 2) + '\n');
    written.push(config.jsonPath);
  }
  return written;
}
