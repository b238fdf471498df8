import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { errorCode } from '../../io/errorText';

/**
 * A static file server for the built site, on the loopback address only: GET and HEAD of files
 * inside the folder, nothing else. No caching headers: a rebuilt page is served at once.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

export const HOST = '127.0.0.1';

/** Why a port could not be taken, as a one-line reason (EADDRINUSE: another program has it). */
export class PortUnavailableError extends Error {
  constructor(
    readonly port: number,
    readonly code: string | undefined,
  ) {
    super(
      code === 'EADDRINUSE'
        ? `port ${port} is busy: another program listens on ${HOST}:${port}`
        : code === 'EACCES'
          ? `port ${port} needs privileges this user does not have`
          : `port ${port} could not be opened (${code ?? 'unknown error'})`,
    );
  }
}

/** The file a URL path names inside `folder`, or null (outside it, or not a file). */
export function fileFor(folder: string, urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const relative = normalize(path.endsWith('/') ? `${path}index.html` : path).replace(/^([/\\])+/, '');
  if (relative.split(/[/\\]/).includes('..')) return null;
  const file = join(folder, relative);
  if (file !== folder && !file.startsWith(folder.endsWith(sep) ? folder : folder + sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

function respond(folder: string, request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response
      .writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' })
      .end('GET or HEAD only\n');
    return;
  }
  const file = fileFor(folder, request.url ?? '/');
  if (file === null) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  response.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  if (request.method === 'HEAD') response.end();
  else createReadStream(file).pipe(response);
}

/** Serves `folder` on HOST:port (0: any free port); resolves once listening, with the port taken. */
export function serveFolder(folder: string, port: number): Promise<{ server: Server; port: number; url: string }> {
  const server = createServer((request, response) => respond(folder, request, response));
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(new PortUnavailableError(port, errorCode(error))));
    server.listen(port, HOST, () => {
      const taken = (server.address() as AddressInfo).port;
      resolve({ server, port: taken, url: `http://${HOST}:${taken}/` });
    });
  });
}
