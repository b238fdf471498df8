// `npm run playground`: build the page and serve it on http://127.0.0.1:PORT until Ctrl-C.
import { runAsProcess, type Command } from '../src/cli/command';
import { flagText, type CommandSpec } from '../src/cli/flags';
import { parseWholeNumber } from '../src/cli/numbers';
import { UsageError } from '../src/cli/usageError';
import { buildSite, defaultSiteFolder } from '../src/web/site/build';
import { PortUnavailableError, serveFolder } from '../src/web/site/serve';
import { buildSummary } from './buildWeb';

export const DEFAULT_PORT = 8080;

export const PLAYGROUND_SPEC: CommandSpec = {
  name: 'playground',
  summary:
    'Builds the playground (every optimizer, live in the browser, on the same code as the command line) into dist/web and serves it on http://127.0.0.1:PORT until Ctrl-C.',
  description: [
    'The page runs TF.js itself, in a Web Worker; the server only hands out the built files, on the loopback address.',
    'Exit codes: 2 bad input or a port that is busy (nothing served); 70 an internal error (a bug: please report it); 130/143 stopped with Ctrl-C or SIGTERM.',
  ],
  flags: [
    {
      name: 'port',
      value: 'N',
      help: `the port to serve on, a whole number from 1 to 65535 (default ${DEFAULT_PORT})`,
    },
  ],
  examples: [
    { command: 'npm run playground', note: `then open http://127.0.0.1:${DEFAULT_PORT}/` },
    { command: 'npm run playground -- --port 9000', note: 'another port' },
  ],
};

export const playgroundCommand: Command = {
  spec: PLAYGROUND_SPEC,
  async run(values, _positionals, io) {
    const text = flagText(values, 'port');
    const port = text === undefined ? DEFAULT_PORT : parseWholeNumber('port', text, 1, 65535);
    const folder = defaultSiteFolder();
    // The port first: a busy one is reported at once, before a build that would be for nothing.
    let served;
    try {
      served = await serveFolder(folder, port);
    } catch (error) {
      if (error instanceof PortUnavailableError)
        throw new UsageError(`--port ${port}: ${error.message}; pick another with --port N`);
      throw error;
    }
    const { server, url } = served;
    try {
      io.stderr(buildSummary(await buildSite(folder)) + '\n');
    } catch (error) {
      server.close();
      throw error;
    }
    io.stdout(`playground: ${url}  (Ctrl-C stops it)\n`);
    return new Promise<number>((resolve) => server.on('close', () => resolve(0)));
  },
};

if (require.main === module) runAsProcess(playgroundCommand);
