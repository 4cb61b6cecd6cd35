import { createRequire } from 'node:module';

/**
 * culori, loaded from its one-file CommonJS build. Its ES module entry is some 450 files, which cost
 * ~150–300 ms of a cold start (`capa validate` checks a kit's colours); the bundled build is the same
 * library in one file (~25 ms). Node cannot see its named exports from an `import`, hence `require`.
 */
const culori = createRequire(import.meta.url)('culori/require') as typeof import('culori');

export const { clampChroma, converter, differenceCiede2000, formatHex, wcagContrast } = culori;
export type { Lrgb } from 'culori';
