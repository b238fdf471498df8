// `npm run port` (`optim-mirror port`): PyTorch optimizer code in, TF.js code out, with the table and the measurement.
import { EXIT, runAsProcess, type Command } from '../src/cli/command';
import { flagText, type CommandSpec } from '../src/cli/flags';
import { UsageError } from '../src/cli/usageError';
import { commitOutputs, planOutputs, shownPath, writeToStream } from '../src/io/outputs';
import { PortInputError } from '../src/port/errors';
import { portJson, portJsonText } from '../src/port/json';
import { measurePort } from '../src/port/measure';
import { planPort, type PortPlan } from '../src/port/plan';
import { renderTypeScript } from '../src/port/render';
import { portReport } from '../src/port/report';
import { argumentRows } from '../src/port/rows';
import { loadBackend } from '../src/tfjs/backend';

export const PORT_SPEC: CommandSpec = {
  name: 'port',
  summary:
    "Translates the lines of a PyTorch script that build the optimizer, its scheduler and the gradient clipping into TF.js: tf.train's optimizer where its rule is torch's for those arguments (every argument explicit), else @optim-mirror/torch's class; a table of what becomes of each argument; and the printed code measured against torch.optim's rule over 100 steps.",
  description: [
    'Give the Python as written, one argument per line or one argument with several lines: torch.optim.X(...) (or optim.X, X), torch.optim.lr_scheduler.Y(...) and torch.nn.utils.clip_grad_norm_(...) / clip_grad_value_(...); assignments (opt = ...) and keyword or positional arguments as Python takes them. Schedulers may be built from earlier named ones (SequentialLR(opt, schedulers=[warmup, decay], milestones=[5])).',
    "The measurement runs the printed optimizer (with the schedule and clipping) on TF.js's cpu backend against torch.optim's rule in float64 (@optim-mirror/torch's reference) on Σx² and Booth's function, and says how far float32 alone would take torch's own run.",
    "Exit codes: 0 done, the printed code within float32 rounding of torch's rule; 1 the printed code strays further (a bug: please report it); 2 code it cannot read or does not know, or bad flags (one line naming the token; nothing written); 4 the JSON could not be written; 70 an internal error; 130/143 interrupted.",
  ],
  flags: [
    {
      name: 'json',
      value: 'FILE',
      help: 'also write the code, the arguments and the measurement as JSON; - for standard output (the report then goes to standard error)',
    },
  ],
  positionals: {
    placeholder: "'CODE'",
    help: 'the optimizer line, and its scheduler and clipping lines if any: each its own argument, or several lines in one',
  },
  examples: [
    {
      command: "npm run port -- 'torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.1)'",
      note: "AdamW from @optim-mirror/torch (TF.js has none), and the table of torch's arguments",
    },
    {
      command: "npm run port -- 'opt = optim.SGD(model.parameters(), 0.1, 0.9, nesterov=True)' 'StepLR(opt, 30)'",
      note: "tf.train.momentum(0.1, 0.9, true), which is torch's rule here, driven by the library's StepLR",
    },
    {
      command: "npm run port -- --json port.json 'torch.optim.Adam(model.parameters())'",
      note: 'the same as data',
    },
  ],
};

export const portCommand: Command = {
  spec: PORT_SPEC,
  async run(values, positionals, io) {
    const jsonPath = flagText(values, 'json');
    // Every path checked before any work: a bad one is exit 2 with nothing run or written.
    const plan = planOutputs(jsonPath === undefined ? [] : [{ flag: '--json', path: jsonPath }]);
    if (positionals.length === 0) {
      throw new UsageError(
        "no PyTorch code given: npm run port -- 'torch.optim.SGD(model.parameters(), lr=0.1)' (see --help)",
      );
    }
    let port: PortPlan;
    try {
      port = planPort(positionals.join('\n'));
    } catch (error) {
      if (error instanceof PortInputError) throw new UsageError(error.message);
      throw error;
    }
    const code = renderTypeScript(port);
    const rows = argumentRows(port);
    const measurement = measurePort(port, await loadBackend('cpu'));
    // With the JSON on standard output, the report moves to standard error.
    const report = plan.outputs.some((output) => output.kind === 'stdout') ? io.stderr : io.stdout;
    report(portReport(port, code, rows, measurement) + '\n');
    if (plan.outputs.length > 0) {
      const text = portJsonText(portJson(port, code, rows, measurement));
      await commitOutputs(plan, new Map([[plan.outputs[0], text]]), (bytes) => writeToStream(io.stdoutStream, bytes));
      report(`wrote ${plan.outputs.map(shownPath).join(', ')}\n`);
    }
    return measurement.withinBound ? EXIT.ok : EXIT.outsideTolerance;
  },
};

if (require.main === module) runAsProcess(portCommand);
