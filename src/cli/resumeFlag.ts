import { readFileSync } from 'node:fs';
import {
  ReferenceOptimizer,
  referenceFromTorchStateDict,
  RULES,
  torchOptionsFromStateDict,
  torchParametersFromStateDict,
  type TorchRule,
} from '@optim-mirror/torch/reference';
import type { TorchResume } from '../config';
import { firstLine } from '../io/errorText';
import { UsageError } from './usageError';

/**
 * `--resume-torch FILE`: a PyTorch run's optimizer state and parameters, as
 * scripts/export_torch_state.py writes them. The file names the optimizer and its options, and its
 * one parameter (the project's objectives take one vector) is where the run starts. What the file
 * holds is checked here; whether it fits the optimizer the flags ask for is checked when the state
 * is loaded into it (src/optimizers/torch.ts).
 */
export function readResumeFile(path: string): TorchResume {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--resume-torch: cannot read ${path}: ${firstLine(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--resume-torch: ${path} is not JSON (${firstLine(error)})`);
  }
  try {
    const { className, options } = torchOptionsFromStateDict(json);
    const parameters = torchParametersFromStateDict(json);
    if (parameters.length !== 1 || parameters[0].shape.length !== 1) {
      const shapes = parameters.map((p) => `[${p.shape.join(', ')}]`).join(', ');
      throw new Error(
        `the command line trains one vector, and the file holds ${parameters.length} parameter${parameters.length === 1 ? '' : 's'} (${shapes}): export a run of one 1-D parameter`,
      );
    }
    // Loaded once into torch's rule with the file's own options: the state must fit them.
    const rule = RULES.find((r) => r.className === className);
    if (rule === undefined) throw new Error(`@optim-mirror/torch has no ${className}`);
    // Each rule has its own options type; resolveOptions checks the file's at run time (an unknown or
    // ill-typed option throws), which is what makes the cast safe.
    const reference = new ReferenceOptimizer(rule as unknown as TorchRule<object>, options, 'float64');
    referenceFromTorchStateDict([reference], json);
    // TF.js holds every value in float32: one it cannot hold is refused here, as --x0's are.
    const state = reference.saveState();
    const values = [
      ...parameters[0].values,
      ...Object.values(state?.tensors ?? {}).flatMap((tensor) => (tensor ? Array.from(tensor) : [])),
      ...Object.values(state?.scalars ?? {}).filter((v): v is number => v !== undefined),
    ];
    const tooLarge = values.find((v) => !Number.isFinite(Math.fround(v)));
    if (tooLarge !== undefined) throw new Error(`${tooLarge} does not fit in float32, which TF.js computes in`);
    return {
      path,
      json,
      className,
      options,
      x0: Array.from(parameters[0].values),
      // torch's SGD counts no steps; the others keep the count their bias corrections use.
      steps: className === 'SGD' ? null : (state?.step ?? 0),
    };
  } catch (error) {
    throw new UsageError(`--resume-torch: ${path}: ${firstLine(error)}`);
  }
}
