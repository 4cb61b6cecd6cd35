// Before packing: lib/ is emptied so the tarball holds what this source builds, not files left
// behind by renamed or deleted modules (tsc never removes an output).
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

rmSync(fileURLToPath(new URL('../lib', import.meta.url)), { recursive: true, force: true });
