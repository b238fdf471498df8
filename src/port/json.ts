import { oneLine } from './errors';
import type { Measurement } from './measure';
import type { PortPlan } from './plan';
import { clipText, optimizerText, schedulerText, tfTrainText } from './render';
import type { ArgumentRow } from './rows';

/**
 * `--json`: the same as the printed report, as data. The names are a contract:
 *
 *   { input, code,
 *     optimizer: { torch, rule, choice: 'tf.train' | '@optim-mirror/torch', call, why, alternative: { call, why } | null },
 *     schedulers: [{ torch, call, stepped }], clipping: [{ torch, call }],
 *     arguments: [{ call, name, given, value, status, tfjs, defaults: { torch, tfjs } | null, note }],
 *     measurement: { backend, steps, bound, withinBound,
 *                    runs: [{ objective, x0, optimizer, chosen, steps, maxRelX, float32RelX, boundRatio,
 *                             withinBound, diverged: { tfjs, torch32, torch64 }, finalX: { tfjs, torch } }] } }
 */
export interface PortJson {
  input: string;
  code: string;
  optimizer: {
    torch: string;
    rule: string;
    choice: 'tf.train' | '@optim-mirror/torch';
    call: string;
    why: string | null;
    alternative: { call: string; why: string } | null;
  };
  schedulers: Array<{ torch: string; call: string; stepped: boolean }>;
  clipping: Array<{ torch: string; call: string }>;
  arguments: ArgumentRow[];
  measurement: Measurement;
}

export function portJson(plan: PortPlan, code: string, rows: ArgumentRow[], measurement: Measurement): PortJson {
  const { choice, optimizer } = plan;
  return {
    input: plan.source,
    code,
    optimizer: {
      torch: oneLine(optimizer.statement.statement.text),
      rule: optimizer.className,
      choice: choice.kind === 'tf.train' ? 'tf.train' : '@optim-mirror/torch',
      call: optimizerText(choice, optimizer),
      why: choice.kind === 'library' ? choice.why : null,
      alternative:
        choice.kind === 'library' && choice.alternative !== null
          ? { call: tfTrainText(choice.alternative.call, optimizer), why: choice.alternative.why }
          : null,
    },
    schedulers: (plan.schedule?.definitions ?? []).map((definition) => ({
      torch: oneLine(definition.statement.statement.text),
      call: schedulerText(definition.node, plan.names),
      stepped: definition === plan.schedule?.stepped,
    })),
    clipping: plan.clips.map((clip) => ({ torch: oneLine(clip.statement.statement.text), call: clipText(clip) })),
    arguments: rows,
    measurement,
  };
}

/** Indented JSON, ending in a newline. */
export function portJsonText(data: PortJson): string {
  return JSON.stringify(data, null, 2) + '\n';
}
