import type { RunName, TrainConfig } from '../../config';
import { OBJECTIVES } from '../../objectives/registry';
import type { Backend } from '../../run/training';
import { loadPageBackend } from './backend';
import { Controls } from './controls';
import { byId, element } from './dom';
import { FrameTimes } from './frameTimes';
import { csvFile, download, jsonFile, pngFile } from './exports';
import { LossView, type LossCurve } from './lossView';
import { MapView, type MapPath, type Point } from './mapView';
import type { PageBackendName, PageState } from './pageState';
import { PathCache } from './pathCache';
import { problemText, usingDefault, type Problem } from './problem';
import { Session } from './session';
import { settle } from './settle';
import { TableView } from './tableView';
import { writeQuery } from './urlState';

/**
 * The playground: the state (mirrored in the URL), the trainings it describes, and the views that
 * show them, advanced a few iterations per animation frame while playing.
 */

/** What decides the runs themselves: a change here starts them again. */
function runKey(state: PageState): string {
  return JSON.stringify([state.shared, state.optimizers, state.hyperparameters, state.backend]);
}

const CHART_INTERVAL_MS = 40;

const RUN_WORDS: Record<RunName, string> = {
  manual: 'Float64 mirror',
  tfjs: 'TF.js',
  manual32: 'float32 replay',
  pytorch: 'torch.optim rule',
};

export class App {
  private session: Session;
  private paths: Array<{ colour: string; tfjs: PathCache; pytorch: PathCache }> = [];
  private playing: boolean;
  private dirty = true;
  private shownIteration = -1;
  private firstFrame = true;
  private chartDrawn = -Infinity;
  private chartIteration = -1;
  private readonly controls: Controls;
  private readonly map: MapView;
  private readonly loss: LossView;
  private readonly table: TableView;
  private readonly legend = byId('legend', HTMLUListElement);
  private readonly lossNote = byId('loss-note', HTMLParagraphElement);
  private readonly problemsBox = byId('problems', HTMLDivElement);
  private readonly hover = byId('hover', HTMLSpanElement);
  private readonly frameTimes = new FrameTimes(byId('progress', HTMLOutputElement));

  constructor(
    private state: PageState,
    private configs: TrainConfig[],
    private backend: Backend,
    problems: readonly Problem[],
  ) {
    this.playing = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    this.controls = new Controls({
      propose: (next) => this.propose(next),
      play: () => this.togglePlay(),
      step: () => this.step(),
      reset: () => this.reset(),
      end: () => this.toEnd(),
      exportFile: (kind) => void this.exportFile(kind),
      copyLink: () => void this.copyLink(),
    });
    this.map = new MapView(
      byId('map', HTMLCanvasElement),
      (point) => this.pickStart(point),
      (point) => {
        this.hover.textContent =
          point === null ? '' : `Pointer at x₁ = ${point[0].toPrecision(4)}, x₂ = ${point[1].toPrecision(4)}.`;
      },
    );
    this.loss = new LossView(byId('loss', HTMLCanvasElement));
    this.table = new TableView(byId('rows', HTMLPreElement), byId('report', HTMLPreElement));
    this.showProblems(problems);
    this.session = new Session(configs, backend);
    this.restartViews();
    this.controls.sync(state);
    new ResizeObserver(() => {
      this.map.layout();
      this.dirty = true;
    }).observe(this.map.canvas);
    document.addEventListener('keydown', (event) => this.onKey(event));
    requestAnimationFrame(() => this.frame());
  }

  private showProblems(problems: readonly Problem[]): void {
    this.problemsBox.hidden = problems.length === 0;
    if (problems.length === 0) {
      this.problemsBox.replaceChildren();
      return;
    }
    this.problemsBox.replaceChildren(
      element('p', {}, ['Some settings could not be used:']),
      element(
        'ul',
        {},
        problems.map((problem) => element('li', {}, [problemText(problem)])),
      ),
    );
  }

  /** Settles a proposed state by the command line's rules; applies it when nothing was refused. */
  private propose(next: PageState): Problem[] {
    const settled = settle(next);
    if (settled.problems.length > 0) return settled.problems;
    void this.commit(settled.state, settled.configs);
    return [];
  }

  private async commit(state: PageState, configs: TrainConfig[]): Promise<void> {
    const restart = runKey(state) !== runKey(this.state);
    if (state.backend !== this.backend.name) {
      try {
        this.backend = await loadPageBackend(state.backend);
      } catch (error) {
        this.controls.showErrors([]);
        this.showProblems([
          {
            param: 'backend',
            given: state.backend,
            message: error instanceof Error ? error.message : String(error),
            instead: usingDefault(this.backend.name),
          },
        ]);
        state = { ...state, backend: this.backend.name as PageBackendName };
      }
    }
    this.state = state;
    this.configs = configs;
    history.replaceState(null, '', writeQuery(state) || window.location.pathname);
    this.controls.sync(state);
    if (restart) {
      this.session.dispose();
      this.session = new Session(configs, this.backend);
      this.playing = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    }
    this.restartViews();
  }

  /** The views follow a new session, or a new choice of what to show. */
  private restartViews(): void {
    const objective = OBJECTIVES[this.configs[0].objective];
    const start: Point = [this.configs[0].x0[0], this.configs[0].x0[1]];
    this.map.setLandscape(objective, start);
    this.paths = this.session.runs.map((run) => ({
      colour: run.config.optimizer.definition.colour,
      tfjs: new PathCache(run.training.lockstep.histories.tfjs, start),
      pytorch: new PathCache(run.training.lockstep.histories.pytorch, start),
    }));
    const curves: LossCurve[] = this.session.runs.flatMap((run) => {
      const { title, colour } = run.config.optimizer.definition;
      const histories = run.training.lockstep.histories;
      const runs: RunName[] = this.state.pytorch ? ['tfjs', 'pytorch'] : ['tfjs'];
      return runs.map((name) => ({
        label: `${title} (${RUN_WORDS[name]})`,
        colour,
        run: name,
        history: histories[name],
      }));
    });
    this.loss.reset(curves, objective.minimumValue(2), this.session.iterations);
    const selected = this.selectedRun();
    this.table.show(
      selected.training.lockstep.histories[this.state.run],
      selected.config.lang,
      selected.config.scheduler !== null,
    );
    this.shownIteration = -1;
    this.chartIteration = -1;
    this.dirty = true;
  }

  private selectedRun(): Session['runs'][number] {
    return this.session.runs.find((run) => run.name === this.state.table) ?? this.session.runs[0];
  }

  private pickStart([x, y]: Point): void {
    const next = { ...this.state, shared: { ...this.state.shared, x0: `${x},${y}` } };
    this.controls.showErrors(this.propose(next), 'x0');
  }

  private togglePlay(): void {
    if (this.session.done) {
      this.reset();
      this.playing = true;
    } else this.playing = !this.playing;
    this.dirty = true;
  }

  private step(): void {
    this.playing = false;
    this.session.advance(1);
    this.dirty = true;
  }

  private reset(): void {
    this.session.dispose();
    this.session = new Session(this.configs, this.backend);
    this.playing = false;
    this.restartViews();
  }

  private toEnd(): void {
    this.session.finish();
    this.playing = false;
    this.dirty = true;
  }

  private onKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    // Keys typed into a field, or that a control uses itself, stay with it.
    if (
      target?.closest('input, select, textarea, button, summary, a') ||
      event.ctrlKey ||
      event.metaKey ||
      event.altKey
    )
      return;
    const actions: Record<string, () => void> = {
      ' ': () => this.togglePlay(),
      ArrowRight: () => this.step(),
      r: () => this.reset(),
      R: () => this.reset(),
      End: () => this.toEnd(),
    };
    const action = actions[event.key];
    if (action === undefined) return;
    event.preventDefault();
    action();
  }

  private async exportFile(kind: 'png' | 'csv' | 'json'): Promise<void> {
    const name = `optim-mirror-${this.configs[0].objective}`;
    if (kind === 'png') {
      this.render();
      const title = `${this.configs.map((c) => c.optimizer.definition.title).join(', ')} on ${this.configs[0].objective}`;
      download(`${name}.png`, await pngFile(this.map.canvas, this.loss.canvas, title));
      this.controls.exportStatus.value = `Saved ${name}.png.`;
      return;
    }
    this.session.finish();
    this.playing = false;
    this.render();
    const results = this.session.results();
    if (kind === 'json') download(`${name}.json`, jsonFile(results), 'application/json');
    else download(`${name}.csv`, csvFile(results), 'text/csv');
    this.controls.exportStatus.value = `Saved ${name}.${kind}.`;
  }

  private async copyLink(): Promise<void> {
    try {
      await navigator.clipboard.writeText(window.location.href);
      this.controls.exportStatus.value = 'Link copied.';
    } catch {
      this.controls.exportStatus.value = 'The browser did not allow copying: the address bar holds the link.';
    }
  }

  private frame(): void {
    const started = performance.now();
    let iterations = 0;
    if (this.playing) {
      iterations = this.session.advance(this.state.speed);
      if (this.session.done) this.playing = false;
      this.dirty = true;
    }
    const ran = performance.now();
    if (this.dirty) this.render();
    this.frameTimes.record(iterations, ran - started, performance.now() - ran);
    requestAnimationFrame(() => this.frame());
  }

  /** Draws what changed since the last frame. */
  private render(): void {
    this.dirty = false;
    const done = this.session.done;
    const paths: MapPath[] = this.paths.flatMap((path) => [
      { colour: path.colour, points: path.tfjs.path(done), dashed: false },
      ...(this.state.pytorch ? [{ colour: path.colour, points: path.pytorch.path(done), dashed: true }] : []),
    ]);
    this.map.draw(paths);
    const iteration = this.session.iteration;
    this.controls.showProgress(iteration, this.session.iterations, this.playing, done);
    this.table.update(this.playing);
    // The chart at most every CHART_INTERVAL_MS while playing: Chart.js redraws every line whole,
    // and a chart moving 25 times a second looks as smooth as one moving 60 times.
    const now = performance.now();
    if (iteration !== this.chartIteration && (!this.playing || now - this.chartDrawn >= CHART_INTERVAL_MS)) {
      this.chartDrawn = now;
      this.chartIteration = iteration;
      this.loss.update();
    }
    if (iteration !== this.shownIteration) {
      this.table.showReport(this.selectedRun().training.result());
      this.renderLegend();
      this.shownIteration = iteration;
      this.lossNote.textContent =
        this.loss.dropped > 0
          ? `${this.loss.dropped} point${this.loss.dropped === 1 ? '' : 's'} at the minimum exactly not drawn: a log scale has no 0.`
          : '';
    }
    if (this.firstFrame) {
      this.firstFrame = false;
      performance.mark('playground:first-frame');
      byId('loading', HTMLParagraphElement).hidden = true;
    }
  }

  private renderLegend(): void {
    this.legend.replaceChildren(
      ...this.session.runs.map((run) => {
        const { tfjs, pytorch } = run.training.lockstep.histories;
        const loss = (rows: typeof tfjs.rows): string =>
          rows.length === 0 ? '—' : rows[rows.length - 1].loss.toPrecision(4);
        const diverged = tfjs.diverged ? `, diverged at iteration ${tfjs.diverged.iteration}` : '';
        const torchText = this.state.pytorch ? `; torch.optim rule (dashed) ${loss(pytorch.rows)}` : '';
        return element('li', {}, [
          element('span', {
            class: 'swatch',
            style: `background:${run.config.optimizer.definition.colour}`,
            'aria-hidden': 'true',
          }),
          `${run.config.optimizer.definition.title}, lr ${run.config.optimizer.lr}: loss ${loss(tfjs.rows)}${diverged}${torchText}`,
        ]);
      }),
    );
  }
}
