import { App, fatal } from './app';
import { settle } from './settle';
import { TrainerLink } from './trainerLink';
import { readQuery, writeQuery } from './urlState';

/**
 * The page's entry: the URL's state, settled by the command line's rules (what cannot be used is
 * shown and replaced by its default), then the playground; its trainer starts first (a backend
 * that does not start there is reported and replaced the same way).
 */
function start(): void {
  // First: the trainer's script (TF.js) loads and starts in its worker while the page sets up.
  const trainer = new TrainerLink();
  const read = readQuery(window.location.search);
  const settled = settle(read.state);
  // The address bar holds what runs: a shared link gives the same runs.
  history.replaceState(null, '', writeQuery(settled.state) || window.location.pathname);
  new App(settled.state, settled.configs, [...read.problems, ...settled.problems], trainer);
}

try {
  start();
} catch (error) {
  fatal(error);
}
