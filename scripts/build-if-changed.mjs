// `npm test` compiles first, but only when a source changed since the last build: a fingerprint of
// every input's path, size and modification time, kept beside the output.
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const inputs = ['src', 'scripts', 'test', 'packages/torch/src', 'packages/torch/test'];
const files = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'packages/torch/package.json',
  'packages/torch/tsconfig.json',
];
const fingerprintFile = join(root, 'dist', '.build-fingerprint');

function walk(folder) {
  const found = [];
  for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...walk(path));
    else found.push(path);
  }
  return found;
}

const hash = createHash('sha256');
for (const path of [...inputs.flatMap(walk), ...files].sort()) {
  const stats = statSync(join(root, path));
  hash.update(`${path}\0${stats.size}\0${stats.mtimeMs}\n`);
}
const fingerprint = hash.digest('hex');
if (existsSync(fingerprintFile) && readFileSync(fingerprintFile, 'utf8') === fingerprint) process.exit(0);
execSync('npm run -s build', { cwd: root, stdio: 'inherit' });
writeFileSync(fingerprintFile, fingerprint);
