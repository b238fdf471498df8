/**
 * What the page's bundle gets for Node's built-ins (node:util, node:fs, node:path). Modules the
 * page shares with the command line import them for work the page never asks of them (reading
 * argv, finding dist/vendor): a stand-in that is called is a bug, and says so.
 */
function unavailable(name: string): never {
  throw new Error(`${name} is a Node.js API; the playground page should never call it`);
}

export const parseArgs = (): never => unavailable('util.parseArgs');
export const existsSync = (): never => unavailable('fs.existsSync');
export const readFileSync = (): never => unavailable('fs.readFileSync');
export const join = (): never => unavailable('path.join');
export const dirname = (): never => unavailable('path.dirname');
