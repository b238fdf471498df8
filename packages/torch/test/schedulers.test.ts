import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Adam, SGD } from '../src/classes';
import {
  buildScheduler,
  CosineAnnealingWarmRestarts,
  ReduceLROnPlateau,
  SCHEDULER_NAMES,
  SCHEDULER_SPECS,
  type Lambda,
  type Scheduler,
  type SchedulerCall,
  type SchedulerValue,
} from '../src/schedulers';

/**
 * Every scheduler against torch.optim.lr_scheduler itself: the lr (and the momentum or β1 where
 * cycled) after construction and after each step, from test/fixtures/make-torch-schedules.py
 * (torch 1.13), each case built through buildScheduler from the same torch-style call. Where 1.13
 * and 2.x differ, the case says so and the test expects 2.x's values.
 */

type Json = number | string | boolean | null | Json[] | { [key: string]: Json };

interface TorchCase {
  name: string;
  optimizer: { class: 'SGD' | 'Adam'; lr: number; momentum?: number; betas?: [number, number] };
  call: { scheduler: string; kwargs: Record<string, Json> };
  steps: number;
  metrics?: number[];
  epochs?: number[];
  cycles?: boolean;
  lr?: number[];
  momentum?: number[];
  last_epoch?: Array<number | null>;
  torch_error?: string;
  torch_error_at_step?: { step: number; error: string };
  differs?: string;
  twin?: string;
  milestone?: number;
  milestone_factor?: string;
}

interface TorchFixture {
  torch_version: string;
  signatures: Record<string, Array<{ name: string; default: string | null; required: boolean }>>;
  cases: TorchCase[];
}

const FIXTURE = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'torch-schedules.json');
const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as TorchFixture;

/** The fixture's Python lambdas, written again in JavaScript. */
const LAMBDAS: Record<string, Lambda> = {
  warmup10: (e) => Math.min(1.0, (e + 1) / 10),
  pow95: (e) => 0.95 ** e,
  const95: () => 0.95,
  every10: (e) => (e % 10 === 0 ? 0.5 : 1.0),
  wave: (x) => 0.5 * (1 + Math.cos((x * Math.PI) / 4)),
  inverse: (x) => 1 / (1 + 0.01 * x),
};

function toValue(json: Json): SchedulerValue {
  if (Array.isArray(json)) return json.map(toValue);
  if (json !== null && typeof json === 'object') {
    if (typeof json.lambda === 'string') return LAMBDAS[json.lambda];
    if (typeof json.scheduler === 'string') return toCall(json as TorchCase['call']);
    throw new Error(`unexpected object in a fixture call: ${JSON.stringify(json)}`);
  }
  return json;
}

/** The fixture's call as buildScheduler takes it; the optimizer as first positional, as torch code writes it. */
function toCall(call: TorchCase['call']): SchedulerCall {
  const keyword: Record<string, SchedulerValue> = {};
  for (const [key, value] of Object.entries(call.kwargs)) keyword[key] = toValue(value);
  const positional: SchedulerValue[] = call.scheduler === 'ChainedScheduler' ? [] : ['optimizer'];
  return { name: call.scheduler, positional, keyword };
}

function optimizerFor(spec: TorchCase['optimizer']): SGD | Adam {
  if (spec.class === 'SGD') return new SGD({ lr: spec.lr, momentum: spec.momentum ?? 0 });
  return new Adam({ lr: spec.lr, betas: spec.betas ?? [0.9, 0.999] });
}

/** β1 for Adam, else the momentum (`instanceof` cannot tell: tf.Optimizer duck-types it for every subclass). */
function momentumOf(optimizer: SGD | Adam): number {
  const options = optimizer.getOptions();
  return 'betas' in options ? options.betas[0] : options.momentum;
}

/** |a − b| / |b|, with b = 0 matched only by a = 0. */
function relative(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.abs(b);
}

interface Run {
  lr: number[];
  momentum: number[];
  lastEpoch: number[];
  error: { step: number; message: string } | null;
}

/** Builds the case's scheduler and steps it as the fixture did. */
function run(c: TorchCase, steps: number): Run {
  const optimizer = optimizerFor(c.optimizer);
  const scheduler: Scheduler = buildScheduler(toCall(c.call), optimizer);
  const out: Run = {
    lr: [optimizer.lr],
    momentum: [momentumOf(optimizer)],
    lastEpoch: [scheduler.lastEpoch],
    error: null,
  };
  for (let k = 0; k < steps; k++) {
    try {
      if (scheduler instanceof ReduceLROnPlateau) scheduler.step((c.metrics ?? [])[k]);
      else if (c.epochs && scheduler instanceof CosineAnnealingWarmRestarts) scheduler.step(c.epochs[k]);
      else scheduler.step();
    } catch (error) {
      out.error = { step: k + 1, message: error instanceof Error ? error.message : String(error) };
      break;
    }
    out.lr.push(optimizer.lr);
    out.momentum.push(momentumOf(optimizer));
    out.lastEpoch.push(scheduler.lastEpoch);
  }
  return out;
}

function stepsOf(c: TorchCase): number {
  return c.metrics?.length ?? c.epochs?.length ?? c.steps;
}

/** The largest relative difference of two sequences of the same length. */
function worst(ours: readonly number[], torch: readonly number[]): number {
  expect(ours).toHaveLength(torch.length);
  return Math.max(0, ...ours.map((value, i) => relative(value, torch[i])));
}

const TOLERANCE = 1e-12;

/**
 * Where torch's last lr is negative (OneCycleLR's linear annealing overshooting min_lr at step
 * total_steps), the library refuses instead: the steps before it are compared.
 */
function negativeAt(c: TorchCase): number | null {
  const index = (c.lr ?? []).findIndex((lr) => lr < 0);
  return index < 0 ? null : index;
}

/** torch's values up to the step the library refuses. */
function expected(c: TorchCase, values: readonly number[] | undefined): number[] {
  return (values ?? []).slice(0, negativeAt(c) ?? undefined);
}

test('the fixture comes from torch and covers every scheduler', () => {
  expect(fixture.torch_version).toMatch(/^1\.13/);
  const covered = new Set<string>();
  const visit = (call: TorchCase['call']): void => {
    covered.add(call.scheduler);
    for (const value of Object.values(call.kwargs)) {
      if (Array.isArray(value)) {
        for (const item of value) {
          if (item !== null && typeof item === 'object' && !Array.isArray(item) && typeof item.scheduler === 'string') {
            visit(item as TorchCase['call']);
          }
        }
      }
    }
  };
  for (const c of fixture.cases) visit(c.call);
  expect([...covered].sort()).toEqual([...SCHEDULER_NAMES].sort());
});

describe.each(fixture.cases.filter((c) => c.torch_error === undefined && c.differs === undefined))('$name', (c) => {
  test('every lr within 1e-12 of torch, and the same lastEpoch', () => {
    const ours = run(c, stepsOf(c));
    const refused = negativeAt(c);
    if (refused === null) expect(ours.error).toBeNull();
    else {
      expect(ours.error?.step).toBe(refused);
      expect(ours.error?.message).toMatch(/^OneCycleLR: step \d+ \(total_steps\) takes the linear annealing below 0/);
    }
    expect(worst(ours.lr, expected(c, c.lr))).toBeLessThanOrEqual(TOLERANCE);
    const epochs = expected(
      c,
      (c.last_epoch ?? []).map((e) => e ?? Number.NaN),
    );
    if (!epochs.some(Number.isNaN)) expect(ours.lastEpoch).toEqual(epochs);
  });
  if (c.cycles === true) {
    test('every momentum (SGD) or β1 (Adam) within 1e-12 of torch', () => {
      expect(worst(run(c, stepsOf(c)).momentum, expected(c, c.momentum))).toBeLessThanOrEqual(TOLERANCE);
    });
  }
});

describe('where PyTorch 1.13 and 2.x differ, 2.x', () => {
  const byName = (name: string): TorchCase => {
    const found = fixture.cases.find((c) => c.name === name);
    if (!found) throw new Error(`no fixture case ${name}`);
    return found;
  };

  test("CyclicLR cycles Adam's β1 (1.13 refuses), as it cycles SGD's momentum", () => {
    const c = byName('CyclicLR-adam-beta1');
    expect(c.torch_error).toBe('ValueError: optimizer must support momentum with `cycle_momentum` option enabled');
    const twin = byName(c.twin ?? '');
    const ours = run(c, c.steps);
    expect(worst(ours.lr, twin.lr ?? [])).toBeLessThanOrEqual(TOLERANCE);
    expect(worst(ours.momentum, twin.momentum ?? [])).toBeLessThanOrEqual(TOLERANCE);
  });

  test("OneCycleLR past total_steps raises with 2.x's count (1.13 counts one more)", () => {
    const c = byName('OneCycleLR-past-total');
    expect(c.torch_error_at_step).toEqual({
      step: 61,
      error: 'ValueError: Tried to step 62 times. The specified number of total steps is 60',
    });
    const ours = run(c, c.steps);
    expect(ours.error).toEqual({
      step: 61,
      message: 'OneCycleLR: Tried to step 61 times. The specified number of total steps is 60',
    });
    expect(worst(ours.lr, c.lr ?? [])).toBeLessThanOrEqual(TOLERANCE);
  });

  test('SequentialLR switching to MultiplicativeLR multiplies by lr_lambda(0) at the milestone (1.13 does not)', () => {
    const c = byName('SequentialLR-multiplicative');
    const milestone = c.milestone ?? 0;
    const factor = LAMBDAS[c.milestone_factor ?? ''](0);
    const expected = (c.lr ?? []).map((lr, k) => (k >= milestone ? lr * factor : lr));
    const ours = run(c, c.steps);
    expect(worst(ours.lr, expected)).toBeLessThanOrEqual(TOLERANCE);
    expect(ours.lr[milestone]).not.toBe((c.lr ?? [])[milestone]);
  });
});

test('the largest relative difference from torch over all cases is within 1e-12', () => {
  let largest = 0;
  for (const c of fixture.cases) {
    if (c.torch_error !== undefined || c.name === 'SequentialLR-multiplicative') continue;
    const ours = run(c, stepsOf(c));
    largest = Math.max(largest, worst(ours.lr.slice(0, (c.lr ?? []).length), expected(c, c.lr)));
    if (c.cycles === true) largest = Math.max(largest, worst(ours.momentum, expected(c, c.momentum)));
  }
  expect(largest).toBeLessThanOrEqual(TOLERANCE);
});

/** A Python default's repr as a value: None, True, 'min', 0.1. */
function pythonValue(repr: string | null): unknown {
  if (repr === null || repr === 'None') return null;
  if (repr === 'True' || repr === 'False') return repr === 'True';
  if (/^'.*'$/.test(repr)) return repr.slice(1, -1);
  return Number(repr);
}

describe.each(SCHEDULER_NAMES)('%s spec', (name) => {
  test("names torch 1.13's arguments in its positional order, with its defaults and required ones", () => {
    const spec = SCHEDULER_SPECS[name];
    const torch = (fixture.signatures[name] ?? []).filter((p) => p.name !== 'optimizer');
    // 2.x's ChainedScheduler takes an optional optimizer after the schedulers; 1.13's does not.
    const ours = spec.args.filter((arg) => !(name === 'ChainedScheduler' && arg.torch === 'optimizer'));
    expect(ours.map((arg) => arg.torch)).toEqual(torch.map((p) => p.name));
    for (const [i, arg] of ours.entries()) {
      expect({ name: arg.torch, required: arg.required === true }).toEqual({
        name: torch[i].name,
        required: torch[i].required,
      });
      if (!torch[i].required)
        expect({ name: arg.torch, default: 'default' in arg ? arg.default : null }).toEqual({
          name: torch[i].name,
          default: pythonValue(torch[i].default),
        });
    }
  });
});
