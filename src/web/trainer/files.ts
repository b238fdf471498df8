import { trainCsv } from '../../format/csv';
import { jsonText } from '../../format/jsonText';
import { compareJson, trainJson } from '../../report/json';
import type { TrainResult } from '../../run/training';

/**
 * The page's JSON and CSV files are the command line's: `--json` (src/report/json.ts, one optimizer
 * or a comparison) and `--csv` (src/format/csv.ts, runs named as `train` names them), made in the
 * trainer from its whole runs.
 */

export function jsonFile(results: readonly TrainResult[]): string {
  return jsonText(results.length === 1 ? trainJson(results[0]) : compareJson(results)).join('');
}

/** As `train --csv` writes it. */
export function csvFile(results: readonly TrainResult[]): string {
  return trainCsv(results).join('');
}
