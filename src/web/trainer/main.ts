import { TrainerEngine } from './engine';
import { IN_PAGE_GLOBAL, type FromTrainer, type ToTrainer } from './protocol';

/**
 * The trainer's entry (bundled as trainer.worker.js, see src/web/site/build.ts). In a Web Worker it
 * answers the page's messages. Loaded into a window (a browser that starts no worker for the
 * page), it only defines a function that connects an engine to one end of a MessageChannel: the
 * page talks to it exactly as to a worker, on its own thread.
 */

interface Endpoint {
  postMessage(message: FromTrainer, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToTrainer>) => void) | null;
}

function serve(endpoint: Endpoint): void {
  const engine = new TrainerEngine((message, transfer = []) => endpoint.postMessage(message, transfer));
  endpoint.onmessage = (event) => engine.receive(event.data);
  endpoint.postMessage({ type: 'hello' }, []);
}

if (typeof document === 'undefined') serve(globalThis as unknown as Endpoint);
else (globalThis as unknown as Record<string, (port: MessagePort) => void>)[IN_PAGE_GLOBAL] = (port) => serve(port);
