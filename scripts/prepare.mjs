// `npm install` in the repository builds lib/ (so `npx capa` works right after a clone). npm also runs
// `prepare` when packing; `prepack` has just built lib/ from scratch then, so it is not built twice.
// npm never runs `prepare` when installing the packed tarball: a user's install runs no script.
import { spawnSync } from 'node:child_process';

if (process.env.npm_command === 'pack' || process.env.npm_command === 'publish') process.exit(0);
const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(r.status ?? 1);
