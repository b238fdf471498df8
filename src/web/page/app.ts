import type { RunName, TrainConfig } from '../../config';
import { OBJECTIVES } from '../../objectives/registry';
import type { FromTrainer } from '../trainer/protocol';
import { Controls } from './controls';
import { byId, element } from './dom';
import { FrameTimes } from './frameTimes';
import { download, pngFile } from './exports';
import { LossView, type LossCurve } from './lossView';
import { MapView, type MapPath, type Point } from './mapView';
import type { PageBackendName, PageState } from './pageState';
import { PathCache } from './pathCache';
import { problemText, usingDefault, type Problem } from './problem';
import { RemoteSession, type ShownRun } from './remoteSession';
import { settle } from './settle';
import { TableView } from './tableView';
import type { TrainerLink } from './trainerLink';
import { writeQuery } from './urlState';

/**
 * The playground: the state (mirrored in the URL), the trainings it describes, and the views that
 * show them. The trainer (a Web Worker: src/web/trainer/) computes the runs; the page keeps copies
 * of their rows and draws them, `speed` iterations per animation frame while playing, keeping the
 * trainer LEAD_FRAMES frames ahead of what it shows.
 */

/** What decides the runs themselves: a change here starts them again. */
function runKey(state: PageState): string {
  return JSON.stringify([state.shared, state.optimizers, state.hyperparameters, state.backend]);
}

/**
 * While playing, the loss chart is redrawn at most every CHART_INTERVAL_MS, and at most so often
 * that its redraws take CHART_SHARE of the time: Chart.js redraws every line whole, which for a
 * few short lines is a millisecond (25 redraws a second look as smooth as 60) and for seven lines
 * of thousands of points several (then it moves 10 to 15 times a second, a few pixels each time).
 */
const CHART_INTERVAL_MS = 40;
const CHART_SHARE = 0.1;
/** While playing, the text (rows, report, legend) changes at most this often: see render(). */
const TEXT_INTERVAL_MS = 100;
/**
 * Frames' worth of iterations the trainer computes ahead of what is shown while playing: enough
 * that a late batch (the trainer shares two cores with the page and the browser's own threads)
 * leaves no frame short of its iterations (with 8, one measurement in six fell short in 5% of its
 * frames); few enough that a pause, which shows everything the trainer computed (so that the
 * report, made there, matches what is on screen), skips at most this many frames' worth of the
 * animation, 0.2 s.
 */
const LEAD_FRAMES = 12;

const RUN_WORDS: Record<RunName, string> = {
  manual: 'Float64 mirror',
  tfjs: 'TF.js',
  manual32: 'float32 replay',
  pytorch: 'torch.optim rule',
};

export class App {
  private session: RemoteSession;
  private sessions = 0;
  /** The backend the last session started on: where a backend that fails falls back to. */
  private workingBackend: PageBackendName | null = null;
  /** Whose report the trainer posts for this session (an index into its runs). */
  private reportFor = 0;
  private reportShown: string | null = null;
  private textAt = -Infinity;
  private playing: boolean;
  /** "To the end" or an export: every iteration received is shown as it comes, until all are. */
  private finishing = false;
  private dirty = true;
  private shownIteration = -1;
  private firstFrame = true;
  private chartDrawn = -Infinity;
  /** What a redraw of the chart took lately (ms, smoothed). */
  private chartCost = 0;
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
    private readonly startProblems: readonly Problem[],
    private readonly trainer: TrainerLink,
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
    this.showProblems(startProblems);
    trainer.listen((message) => this.receive(message));
    trainer.ready.then(
      (place) => {
        byId('trainer-note', HTMLParagraphElement).hidden = place === 'worker';
      },
      (error: unknown) => fatal(error),
    );
    this.session = this.startSession();
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
    this.commit(settled.state, settled.configs);
    return [];
  }

  private commit(state: PageState, configs: TrainConfig[]): void {
    const restart = runKey(state) !== runKey(this.state);
    this.state = state;
    this.configs = configs;
    history.replaceState(null, '', writeQuery(state) || window.location.pathname);
    this.controls.sync(state);
    if (restart) {
      this.session = this.startSession();
      this.playing = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      this.finishing = false;
    }
    this.restartViews();
  }

  /** New runs of the state's configs, in the trainer; the session before it is dropped there. */
  private startSession(): RemoteSession {
    const session = new RemoteSession(++this.sessions, this.configs, (message) => this.trainer.send(message));
    this.reportFor = this.selectedIndex();
    this.reportShown = null;
    this.trainer.send({ type: 'start', session: session.id, state: this.state, report: this.reportFor });
    return session;
  }

  /** A message from the trainer. */
  private receive(message: FromTrainer): void {
    if (message.type === 'crashed') {
      fatal(new Error(`the trainer stopped: ${message.message}`));
      return;
    }
    if (message.type === 'hello' || message.session !== this.session.id) return;
    if (message.type === 'failed') {
      this.backendFailed(message.backend, message.message);
      return;
    }
    if (message.type === 'started') this.workingBackend = message.backend;
    if (message.type === 'rows') this.frameTimes.recordRun(message.msPerIteration);
    this.session.receive(message);
    this.dirty = true;
  }

  /** A backend that did not start in the trainer: the last one that did (cpu at first) runs instead. */
  private backendFailed(backend: PageBackendName, message: string): void {
    const instead: PageBackendName = this.workingBackend ?? 'cpu';
    if (backend === instead) {
      fatal(new Error(message));
      return;
    }
    const problem: Problem = { param: 'backend', given: backend, message, instead: usingDefault(instead) };
    this.controls.showErrors([]);
    this.showProblems(this.workingBackend === null ? [...this.startProblems, problem] : [problem]);
    this.state = { ...this.state, backend: instead };
    history.replaceState(null, '', writeQuery(this.state) || window.location.pathname);
    this.controls.sync(this.state);
    this.session = this.startSession();
    this.restartViews();
  }

  /** The views follow a new session, or a new choice of what to show. */
  private restartViews(): void {
    const objective = OBJECTIVES[this.configs[0].objective];
    const start: Point = [this.configs[0].x0[0], this.configs[0].x0[1]];
    this.map.setLandscape(objective, start);
    const session = this.session;
    const paths: MapPath[] = session.runs.flatMap((run) => {
      const colour = run.config.optimizer.definition.colour;
      const tfjs = new PathCache(run.histories.tfjs, start);
      const pytorch = new PathCache(run.histories.pytorch, start);
      return [
        { colour, points: () => tfjs.path(session.done), dashed: false },
        ...(this.state.pytorch ? [{ colour, points: () => pytorch.path(session.done), dashed: true }] : []),
      ];
    });
    this.map.setPaths(paths);
    const curves: LossCurve[] = this.session.runs.flatMap((run) => {
      const { title, colour } = run.config.optimizer.definition;
      const histories = run.histories;
      const runs: RunName[] = this.state.pytorch ? ['tfjs', 'pytorch'] : ['tfjs'];
      return runs.map((name) => ({
        label: `${title} (${RUN_WORDS[name]})`,
        colour,
        run: name,
        history: histories[name],
      }));
    });
    this.loss.reset(curves, objective.minimumValue(2), this.session.iterations);
    const selected = this.session.runs[this.selectedIndex()];
    this.table.show(selected.histories[this.state.run], selected.config.lang, selected.config.scheduler !== null);
    if (this.selectedIndex() !== this.reportFor) {
      this.reportFor = this.selectedIndex();
      this.reportShown = null;
      this.session.requestReport(this.reportFor);
    }
    this.shownIteration = -1;
    this.chartIteration = -1;
    this.dirty = true;
  }

  /** The table's optimizer, as an index into the state's optimizers (the session's runs). */
  private selectedIndex(): number {
    return Math.max(0, this.state.optimizers.indexOf(this.state.table));
  }

  private pickStart([x, y]: Point): void {
    const next = { ...this.state, shared: { ...this.state.shared, x0: `${x},${y}` } };
    this.controls.showErrors(this.propose(next), 'x0');
  }

  private togglePlay(): void {
    if (this.session.done) {
      this.reset();
      this.playing = true;
    } else if (this.playing || this.finishing) this.pause();
    else this.playing = true;
    this.dirty = true;
  }

  /** Stops where the trainer is: the page then shows every row it computed. */
  private pause(): void {
    this.playing = false;
    this.finishing = false;
    this.session.stop();
  }

  private step(): void {
    if (this.playing || this.finishing) this.pause();
    this.session.step();
    this.dirty = true;
  }

  private reset(): void {
    this.session = this.startSession();
    this.playing = false;
    this.finishing = false;
    this.restartViews();
  }

  private toEnd(): void {
    this.playing = false;
    this.finishing = true;
    this.session.runUntil(this.session.iterations);
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
    this.playing = false;
    this.finishing = true;
    this.dirty = true;
    const session = this.session;
    const text = await session.exportFile(kind);
    if (session !== this.session) return;
    // Every row came before the file: show them all, as the file holds them.
    session.reveal(Infinity);
    this.finishing = false;
    this.render();
    download(`${name}.${kind}`, text, kind === 'json' ? 'application/json' : 'text/csv');
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
    const session = this.session;
    let shown: number;
    if (this.playing) {
      shown = session.reveal(this.state.speed);
      session.runUntil(session.shown + LEAD_FRAMES * this.state.speed);
    } else shown = session.reveal(Infinity);
    if (session.done) {
      this.playing = false;
      this.finishing = false;
    }
    if (shown > 0) this.dirty = true;
    const began = performance.now();
    if (this.dirty) this.render();
    this.frameTimes.record(shown, performance.now() - began);
    requestAnimationFrame(() => this.frame());
  }

  /** Draws what changed since the last frame. */
  private render(): void {
    this.dirty = false;
    const done = this.session.done;
    this.map.draw();
    const iteration = this.session.iteration;
    const moving = this.playing || this.finishing;
    this.controls.showProgress(iteration, this.session.iterations, moving, done);
    // The text (the table's rows, the trainer's report under them, the legend) at most every
    // TEXT_INTERVAL_MS while moving: each change lays the page out again, and numbers changing
    // sixty times a second cannot be read anyway. Stopped, at once. While moving, the chart and
    // the text take turns: never both in one frame.
    const now = performance.now();
    let textNow = false;
    if (!moving || now - this.textAt >= TEXT_INTERVAL_MS) {
      this.textAt = now;
      textNow = true;
      this.renderText(iteration, moving);
    }
    const chartInterval = Math.max(CHART_INTERVAL_MS, this.chartCost / CHART_SHARE);
    if (iteration !== this.chartIteration && (!moving || (!textNow && now - this.chartDrawn >= chartInterval))) {
      const began = performance.now();
      this.chartIteration = iteration;
      this.loss.update();
      this.chartDrawn = performance.now();
      this.chartCost = 0.7 * this.chartCost + 0.3 * (this.chartDrawn - began);
    }
    // The first frame is the first with the trainer's runs: their first iteration, or (paused) none.
    if (this.firstFrame && this.session.started && (this.session.shown > 0 || !moving)) {
      this.firstFrame = false;
      performance.mark('playground:first-frame');
      byId('loading', HTMLParagraphElement).hidden = true;
    }
  }

  private renderText(iteration: number, moving: boolean): void {
    this.table.update(moving);
    const report = this.session.report(this.reportFor);
    if (report !== null && report !== this.reportShown) {
      this.reportShown = report;
      this.table.showReport(report);
    }
    if (iteration === this.shownIteration) return;
    this.renderLegend();
    this.shownIteration = iteration;
    this.lossNote.textContent =
      this.loss.dropped > 0
        ? `${this.loss.dropped} point${this.loss.dropped === 1 ? '' : 's'} at the minimum exactly not drawn: a log scale has no 0.`
        : '';
  }

  private renderLegend(): void {
    this.legend.replaceChildren(
      ...this.session.runs.map((run: ShownRun) => {
        const { tfjs, pytorch } = run.histories;
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

/** What the page shows when it cannot go on (the trainer could not start, or stopped on an error: a bug). */
export function fatal(error: unknown): never {
  const box = byId('problems', HTMLDivElement);
  box.hidden = false;
  box.textContent = `The playground could not go on (a bug, please report it): ${error instanceof Error ? error.message : String(error)}`;
  throw error;
}
