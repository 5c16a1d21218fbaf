// Compiles nothing: runs the compiled unit specs (build/src/**/*.spec.js) and end-to-end suites
// (build/test/**/*.e2e-spec.js) with Node's own test runner. `npm test` compiles first.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const pattern = /\.(e2e-)?spec\.js$/;
const only = process.argv.slice(2);

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return find(path);
    return pattern.test(entry.name) ? [path] : [];
  });
}

const files = find('build')
  .filter((file) => only.length === 0 || only.some((part) => file.includes(part)))
  .sort();
if (files.length === 0) {
  console.error('no test files found under build/ (did the compile step run?)');
  process.exit(1);
}

const result = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
