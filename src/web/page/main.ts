import { App } from './app';
import { loadPageBackend } from './backend';
import { byId } from './dom';
import { usingDefault, type Problem } from './problem';
import { settle } from './settle';
import { readQuery, writeQuery } from './urlState';

/**
 * The page's entry: the URL's state, settled by the command line's rules (what cannot be used is
 * shown and replaced by its default), TF.js's backend, then the playground.
 */
async function start(): Promise<void> {
  const read = readQuery(window.location.search);
  const settled = settle(read.state);
  const problems: Problem[] = [...read.problems, ...settled.problems];
  let state = settled.state;
  let backend;
  try {
    backend = await loadPageBackend(state.backend);
  } catch (error) {
    problems.push({
      param: 'backend',
      given: state.backend,
      message: error instanceof Error ? error.message : String(error),
      instead: usingDefault('cpu'),
    });
    state = { ...state, backend: 'cpu' };
    backend = await loadPageBackend('cpu');
  }
  // The address bar holds what runs: a shared link gives the same runs.
  history.replaceState(null, '', writeQuery(state) || window.location.pathname);
  new App(state, settled.configs, backend, problems);
}

start().catch((error: unknown) => {
  const box = byId('problems', HTMLDivElement);
  box.hidden = false;
  box.textContent = `The playground could not start (a bug, please report it): ${error instanceof Error ? error.message : String(error)}`;
  throw error;
});
