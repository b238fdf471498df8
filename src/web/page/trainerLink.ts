import {
  EARLY_WORKER_GLOBAL,
  IN_PAGE_GLOBAL,
  TRAINER_GLOBAL,
  TRAINER_SCRIPT,
  type FromTrainer,
  type ToTrainer,
} from '../trainer/protocol';

/**
 * The page's line to its trainer (src/web/trainer/main.ts), which computes the runs while the page
 * draws. Where it runs, in order of preference:
 *  - served over http(s): a Web Worker of trainer.worker.js, beside index.html (index.html starts
 *    it before the page's own script runs, so that both load at once);
 *  - opened from a file:// URL, where Chromium refuses a worker any file ("cannot be accessed from
 *    origin 'null'"): the same script loaded as a plain script, which only defines a function
 *    holding the whole trainer; a worker is made from that function's text (a blob: URL);
 *  - a browser that starts no worker at all: that function run on the page's main thread, behind a
 *    MessageChannel, so the page talks to it the same way (same results, fewer frames per second).
 * Messages sent before the trainer says hello wait in a queue.
 */

export type TrainerPlace = 'worker' | 'page';

interface Port {
  postMessage(message: ToTrainer): void;
  onmessage: ((event: MessageEvent<FromTrainer>) => void) | null;
}

type Globals = Record<string, unknown>;

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${src} could not be loaded`));
    document.head.append(script);
  });
}

/** The trainer's function, defined by its script (loaded once). */
async function trainerFunction(): Promise<() => void> {
  const globals = globalThis as unknown as Globals;
  if (typeof globals[TRAINER_GLOBAL] !== 'function') await loadScript(TRAINER_SCRIPT);
  const trainer = globals[TRAINER_GLOBAL];
  if (typeof trainer !== 'function') throw new Error(`${TRAINER_SCRIPT} did not define the trainer`);
  return trainer as () => void;
}

/** Resolves once the port's trainer says hello; null if it fails first. */
function greeted(port: Port, failed: Promise<void>): Promise<Port | null> {
  return Promise.race([
    new Promise<Port>((resolve) => {
      port.onmessage = (event) => {
        if (event.data.type === 'hello') resolve(port);
      };
    }),
    failed.then(() => null),
  ]);
}

/** A worker index.html started: `greeted` once it said hello, `failed` if it could not start. */
type EarlyWorker = Worker & { greeted?: boolean; failed?: boolean };

/** The worker index.html started, if it did. */
function earlyWorker(): EarlyWorker | null {
  const globals = globalThis as unknown as Globals;
  const early = globals[EARLY_WORKER_GLOBAL];
  delete globals[EARLY_WORKER_GLOBAL];
  return early instanceof Worker ? early : null;
}

/** A worker made from the trainer function's text: for a page opened from a file. */
async function blobWorker(): Promise<Worker> {
  const source = `(${(await trainerFunction()).toString()})()`;
  return new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
}

async function workerPort(): Promise<Port | null> {
  if (typeof Worker !== 'function') return null;
  let worker: EarlyWorker | null = earlyWorker();
  if (worker?.greeted) return worker;
  if (worker?.failed) {
    worker.terminate();
    worker = null;
  }
  try {
    worker ??= window.location.protocol === 'file:' ? await blobWorker() : new Worker(TRAINER_SCRIPT);
  } catch {
    return null;
  }
  const started = worker;
  const failed = new Promise<void>((resolve) => {
    started.onerror = (event) => {
      event.preventDefault();
      started.terminate();
      resolve();
    };
  });
  return greeted(started, failed);
}

async function pagePort(): Promise<Port> {
  (await trainerFunction())();
  const connect = (globalThis as unknown as Globals)[IN_PAGE_GLOBAL];
  if (typeof connect !== 'function') throw new Error(`${TRAINER_SCRIPT} did not start on the page`);
  const channel = new MessageChannel();
  (connect as (port: MessagePort) => void)(channel.port1);
  const port = channel.port2 as unknown as Port;
  return (await greeted(port, new Promise<void>(() => {}))) as Port;
}

export class TrainerLink {
  private port: Port | null = null;
  private readonly queue: ToTrainer[] = [];
  private receive: (message: FromTrainer) => void = () => {};
  /** Where the trainer runs: null until it has said hello. */
  place: TrainerPlace | null = null;
  /** Settles once the trainer listens (or rejects: it could not start anywhere). */
  readonly ready: Promise<TrainerPlace>;

  /** Starts the trainer at once: its script loads while the page sets itself up. */
  constructor() {
    this.ready = (async () => {
      let port = await workerPort();
      let place: TrainerPlace = 'worker';
      if (port === null) {
        port = await pagePort();
        place = 'page';
      }
      port.onmessage = (event) => this.receive(event.data);
      // The trainer reports its own errors; one it could not catch ends it all the same.
      if (typeof Worker === 'function' && port instanceof Worker)
        port.onerror = (event) => this.receive({ type: 'crashed', message: event.message || 'the worker failed' });
      this.port = port;
      this.place = place;
      for (const message of this.queue.splice(0)) port.postMessage(message);
      return place;
    })();
  }

  /** Where the trainer's messages go (they come only in answer to what is sent). */
  listen(receive: (message: FromTrainer) => void): void {
    this.receive = receive;
  }

  send(message: ToTrainer): void {
    if (this.port === null) this.queue.push(message);
    else this.port.postMessage(message);
  }
}
