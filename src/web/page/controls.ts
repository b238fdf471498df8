import { RUN_NAMES, type RunName } from '../../config';
import { OBJECTIVE_NAMES, OBJECTIVES, type ObjectiveName } from '../../objectives/registry';
import { OPTIMIZERS, optimizerNamed, TF_TRAIN_OPTIMIZERS } from '../../optimizers/registry';
import { TORCH_OPTIMIZERS } from '../../optimizers/torch';
import type { OptimizerDefinition } from '../../optimizers/optimizer';
import { RUN_LABELS } from '../../report/consoleReport';
import { WEBGL_NOTE } from './backendNote';
import { byId, element } from './dom';
import { hyperparameterPanel, type HyperparameterPanel } from './hyperparameterControls';
import {
  copyState,
  SHARED_FLAGS,
  SPEEDS,
  type FlagText,
  type PageBackendName,
  type PageState,
  type SharedFlag,
} from './pageState';
import type { Problem } from './problem';

/**
 * The settings and playback controls: plain form elements (so keyboards and screen readers work
 * as they do everywhere), each change turned into a proposed state. A proposal the command line's
 * rules refuse is not applied; its reason appears beside the control.
 */
export interface ControlHandlers {
  /** Apply a new state; returns what could not be taken (nothing is applied then). */
  propose(next: PageState): Problem[];
  play(): void;
  step(): void;
  reset(): void;
  end(): void;
  exportFile(kind: 'png' | 'csv' | 'json'): void;
  copyLink(): void;
}

const CPU_NOTE =
  'cpu: TF.js in plain JavaScript, float32 rounding in the order the manual32 run replays: the TF.js run equals the ' +
  'command line’s to the bit.';

/** The shared flags with a text field of their own (objective and lang are menus), where `train` has them. */
const SHARED_INPUTS: readonly SharedFlag[] = (
  ['x0', 'iterations', 'clip-grad-norm', 'clip-grad-value', 'scheduler', 'noise', 'seed'] as const
).filter((flag) => SHARED_FLAGS.includes(flag));

export class Controls {
  private state: PageState | null = null;
  private readonly panels = new Map<string, HyperparameterPanel>();
  private readonly checkboxes = new Map<string, HTMLInputElement>();
  private readonly errors = new Map<string, HTMLElement>();

  private readonly play = byId('play', HTMLButtonElement);
  private readonly speed = byId('speed', HTMLInputElement);
  private readonly speedValue = byId('speed-value', HTMLOutputElement);
  private readonly progress = byId('progress', HTMLOutputElement);
  private readonly announce = byId('announce', HTMLSpanElement);
  private readonly objective = byId('objective', HTMLSelectElement);
  private readonly formula = byId('objective-formula', HTMLParagraphElement);
  private readonly hyperparameters = byId('hyperparameters', HTMLDivElement);
  private readonly pytorch = byId('pytorch', HTMLInputElement);
  private readonly backend = byId('backend', HTMLSelectElement);
  private readonly backendNote = byId('backend-note', HTMLParagraphElement);
  private readonly lang = byId('lang', HTMLSelectElement);
  private readonly tableOptimizer = byId('table-optimizer', HTMLSelectElement);
  private readonly tableRun = byId('table-run', HTMLSelectElement);
  readonly exportStatus = byId('export-status', HTMLOutputElement);

  constructor(private readonly handlers: ControlHandlers) {
    this.play.addEventListener('click', () => handlers.play());
    byId('step', HTMLButtonElement).addEventListener('click', () => handlers.step());
    byId('reset', HTMLButtonElement).addEventListener('click', () => handlers.reset());
    byId('end', HTMLButtonElement).addEventListener('click', () => handlers.end());
    for (const kind of ['png', 'csv', 'json'] as const)
      byId(`export-${kind}`, HTMLButtonElement).addEventListener('click', () => handlers.exportFile(kind));
    byId('copy-link', HTMLButtonElement).addEventListener('click', () => handlers.copyLink());

    this.speed.max = String(SPEEDS.length - 1);
    this.speed.addEventListener('input', () => this.change((next) => (next.speed = SPEEDS[Number(this.speed.value)])));

    for (const name of OBJECTIVE_NAMES) this.objective.append(element('option', { value: name }, [name]));
    this.objective.addEventListener('change', () =>
      this.change((next) => {
        // A start given for one landscape rarely suits another: each objective starts at its own default.
        delete next.shared.x0;
        if (this.objective.value === 'sphere') delete next.shared.objective;
        else next.shared.objective = this.objective.value;
      }),
    );

    for (const flag of SHARED_INPUTS) {
      const input = byId(flag, HTMLInputElement);
      input.closest<HTMLElement>('[data-flag]')?.removeAttribute('hidden');
      this.errors.set(flag, byId(`${flag}-error`, HTMLSpanElement));
      input.addEventListener('change', () =>
        this.change((next) => {
          const text = input.value.trim();
          if (text === '') delete next.shared[flag];
          else next.shared[flag] = text;
        }, flag),
      );
    }

    this.errors.set('optimizer', byId('optimizer-error', HTMLSpanElement));
    this.buildOptimizerList(byId('optimizers-tf', HTMLFieldSetElement), TF_TRAIN_OPTIMIZERS);
    this.buildOptimizerList(byId('optimizers-torch', HTMLFieldSetElement), TORCH_OPTIMIZERS);

    this.pytorch.addEventListener('change', () => this.change((next) => (next.pytorch = this.pytorch.checked)));
    this.backend.addEventListener('change', () =>
      this.change((next) => (next.backend = this.backend.value as PageBackendName)),
    );
    this.lang.addEventListener('change', () =>
      this.change((next) => {
        if (this.lang.value === 'en') delete next.shared.lang;
        else next.shared.lang = this.lang.value;
      }),
    );
    for (const name of RUN_NAMES) this.tableRun.append(element('option', { value: name }, [RUN_LABELS[name]]));
    this.tableRun.addEventListener('change', () => this.change((next) => (next.run = this.tableRun.value as RunName)));
    this.tableOptimizer.addEventListener('change', () =>
      this.change((next) => (next.table = this.tableOptimizer.value)),
    );
  }

  private buildOptimizerList(fieldset: HTMLFieldSetElement, optimizers: readonly OptimizerDefinition[]): void {
    for (const optimizer of optimizers) {
      const id = `use-${optimizer.name.replace(/\./g, '-')}`;
      const box = element('input', { type: 'checkbox', id, value: optimizer.name });
      box.addEventListener('change', () =>
        this.change((next) => {
          const ticked = new Set(next.optimizers);
          if (box.checked) ticked.add(optimizer.name);
          else ticked.delete(optimizer.name);
          next.optimizers = OPTIMIZERS.map((o) => o.name).filter((name) => ticked.has(name));
          if (!next.optimizers.includes(next.table)) next.table = next.optimizers[0];
          // The newest ticked optimizer's rows are the ones people want to see.
          if (box.checked) next.table = optimizer.name;
        }, 'optimizer'),
      );
      this.checkboxes.set(optimizer.name, box);
      fieldset.append(
        element('div', { class: 'optimizer-choice' }, [
          box,
          element('label', { for: id }, [
            element('span', { class: 'swatch', style: `background:${optimizer.colour}`, 'aria-hidden': 'true' }),
            optimizer.name,
          ]),
        ]),
      );
    }
  }

  /** Builds the next state from the current one, proposes it, and shows what was refused where it belongs. */
  private change(edit: (next: PageState) => void, origin?: string): void {
    if (this.state === null) return;
    const next = copyState(this.state);
    edit(next);
    if (next.optimizers.length === 0) {
      this.showErrors([
        { param: 'optimizer', given: '', message: 'tick at least one optimizer', instead: 'the last one stays ticked' },
      ]);
      this.sync(this.state);
      return;
    }
    const problems = this.handlers.propose(next);
    this.showErrors(problems, origin);
  }

  private hyperparameterChange(optimizer: string, edit: (given: Record<string, FlagText>) => void): void {
    this.change((next) => {
      const given = { ...(next.hyperparameters[optimizer] ?? {}) };
      edit(given);
      next.hyperparameters[optimizer] = given;
    });
  }

  /** Each problem beside its control (clearing the others); one without a control of its own goes to `origin`'s. */
  showErrors(problems: readonly Problem[], origin?: string): void {
    const all = new Map(this.errors);
    for (const panel of this.panels.values()) for (const [param, node] of panel.errors) all.set(param, node);
    for (const node of all.values()) node.textContent = '';
    for (const problem of problems) {
      const node = all.get(problem.param) ?? (origin === undefined ? undefined : all.get(origin));
      if (node) node.textContent = `${problem.given === '' ? '' : `"${problem.given}": `}${problem.message}`;
    }
  }

  /** Every control shows the state (new panels for optimizers just ticked). */
  sync(state: PageState): void {
    this.state = copyState(state);
    this.speed.value = String(Math.max(0, SPEEDS.indexOf(state.speed)));
    this.speedValue.value = `${state.speed} iteration${state.speed === 1 ? '' : 's'} per frame`;
    const objective = (state.shared.objective ?? 'sphere') as ObjectiveName;
    this.objective.value = objective;
    this.formula.textContent = `L = ${OBJECTIVES[objective].formula}`;
    for (const flag of SHARED_INPUTS) {
      const input = byId(flag, HTMLInputElement);
      input.closest<HTMLElement>('[data-flag]')?.removeAttribute('hidden');
      if (document.activeElement !== input) input.value = state.shared[flag] ?? '';
    }
    byId('x0', HTMLInputElement).placeholder = OBJECTIVES[objective].defaultX0.join(',');
    byId('iterations', HTMLInputElement).placeholder = '30';
    for (const [name, box] of this.checkboxes) box.checked = state.optimizers.includes(name);

    for (const [name, panel] of this.panels) {
      if (!state.optimizers.includes(name)) {
        panel.element.remove();
        this.panels.delete(name);
      }
    }
    state.optimizers.forEach((name, index) => {
      let panel = this.panels.get(name);
      if (panel === undefined) {
        const definition = optimizerNamed(name) as OptimizerDefinition;
        panel = hyperparameterPanel(definition, {
          change: (flag, text) =>
            this.hyperparameterChange(name, (given) => {
              if (text === undefined) delete given[flag];
              else given[flag] = text;
            }),
          reset: () => this.hyperparameterChange(name, (given) => Object.keys(given).forEach((k) => delete given[k])),
        });
        this.panels.set(name, panel);
      }
      // In the registry's order, whatever order they were ticked in; a panel already in place is
      // not moved (moving an element takes the focus from the slider being dragged in it).
      const here = this.hyperparameters.children[index];
      if (here !== panel.element) this.hyperparameters.insertBefore(panel.element, here ?? null);
      panel.sync(state.hyperparameters[name] ?? {});
    });

    this.pytorch.checked = state.pytorch;
    this.backend.value = state.backend;
    this.backendNote.textContent = state.backend === 'webgl' ? WEBGL_NOTE : CPU_NOTE;
    this.lang.value = state.shared.lang ?? 'en';
    this.tableOptimizer.replaceChildren(
      ...state.optimizers.map((name) => element('option', { value: name, selected: name === state.table }, [name])),
    );
    this.tableOptimizer.value = state.table;
    this.tableRun.value = state.run;
  }

  /** Playback's state: the button's word, and where the runs are (announced when playing starts or stops). */
  showProgress(iteration: number, iterations: number, playing: boolean, done: boolean): void {
    const word = playing ? 'Pause' : done ? 'Replay' : 'Play';
    this.progress.value = `iteration ${iteration} of ${iterations}${done ? ', done' : ''}`;
    if (this.play.textContent === word) return;
    this.play.textContent = word;
    this.announce.textContent = playing ? 'Playing' : `${done ? 'Done' : 'Paused'} at ${this.progress.value}`;
  }
}
