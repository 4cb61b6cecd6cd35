import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * src/layout is split into rooms, one per stage, and a room imports only itself and the rooms to its left in ORDER
 * (src/layout/README.md says what each holds). Type-only imports count: a type shared back and forth ties two files
 * as much as a call does (two of the three circles the flat folder had went through types only), and TypeScript's
 * own scanner (`ts.preProcessFile`) sees them, with `export … from` and `import()`.
 */
const ORDER = ['core', 'fonts', 'markup', 'flow', 'pages', 'pdf'];
/** Files at the top of src/layout, outside the rooms: the door that chains them (it may import every room). */
const TOP = ['renderMarkup.ts'];
/**
 * The files of src/layout that the rest of src/ may import. Anything else is a room's inside: import it from outside
 * only after adding it here on purpose (tests may reach anything).
 */
const DOORS = [
  'renderMarkup.ts',
  'core/checkpoint.ts',
  'core/layoutMessages.ts',
  'core/units.ts',
  'fonts/fontFallback.ts',
  'fonts/fonts.ts',
  // Imported by the command line before anything loads fontkit, so it cannot be reached through fonts.ts.
  'fonts/fontkitStandIns.ts',
  'markup/vocabulary.ts',
  'flow/hyphenate.ts',
  'flow/imageSize.ts',
  'flow/layoutDiagram.ts',
  'pages/layoutFurniture.ts',
  // The watch's document cache keeps each imposed document's card faces between builds.
  'pages/FaceCache.ts',
  // A one-shot build holds V8's young generation from the start (documents/limitYoungGeneration.ts); the layout lets
  // it grow back, up to a cap that only applies once it was held.
  'pages/boundHeapGrowth.ts',
];

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(REPO, 'src');
const LAYOUT = join(SRC, 'layout');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The module specifiers a source text names: imports (type-only too), `export … from`, `import()`. */
function specifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** The .ts files `file` imports by relative path (absolute paths). */
function localImports(file: string): string[] {
  return specifiers(readFileSync(file, 'utf8'))
    .filter((s) => s.startsWith('.'))
    .map((s) => join(dirname(file), s).replace(/\.js$/, '.ts'))
    .filter((p) => existsSync(p));
}

const inLayout = (p: string) => posix.normalize(relative(LAYOUT, p).split('\\').join('/'));
const roomOf = (p: string) => (inLayout(p).includes('/') ? inLayout(p).split('/')[0] : '(top)');

/** A circle in a graph (node → nodes it points to), as the path that closes it, or undefined. */
function findCircle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (n: string): string[] | undefined => {
    state.set(n, 'open');
    path.push(n);
    for (const m of graph.get(n) ?? []) {
      if (state.get(m) === 'open') return [...path.slice(path.indexOf(m)), m];
      const found = state.has(m) ? undefined : visit(m);
      if (found) return found;
    }
    path.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of graph.keys()) {
    const found = state.has(n) ? undefined : visit(n);
    if (found) return found;
  }
  return undefined;
}

const layoutFiles = tsFiles(LAYOUT);
/** File → files it imports, inside src/layout (paths relative to it). */
const fileGraph = new Map(layoutFiles.map((f) => [inLayout(f), localImports(f).filter((p) => p.startsWith(LAYOUT)).map(inLayout)]));

describe('the rooms of src/layout', () => {
  it('the checks see type-only imports, re-exports and import(), and find a circle when there is one', () => {
    const text = "import type { A } from './a.js';\nexport { b } from '../b.js';\nconst c = await import('./c.js');\nlet d: import('./d.js').D;";
    expect(specifiers(text).sort()).toEqual(['../b.js', './a.js', './c.js', './d.js']);
    const graph = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    expect(findCircle(graph)).toEqual(['a', 'b', 'c', 'a']);
    expect(findCircle(new Map([['a', ['b']], ['b', []]]))).toBeUndefined();
    // The edges the checks below rely on are really read from the sources.
    expect(fileGraph.get('flow/model.ts')).toContain('fonts/fonts.ts');
  });

  it('holds every file in a room (only the door stays at the top)', () => {
    const misplaced = layoutFiles.map(inLayout).filter((f) => (f.includes('/') ? !ORDER.includes(f.split('/')[0]) : !TOP.includes(f)));
    expect(misplaced, `files outside the rooms ${ORDER.join(', ')}: put each in the room of its stage (src/layout/README.md)`).toEqual([]);
  });

  it('lets a room import only itself and the rooms to its left: core → fonts → markup → flow → pages → pdf', () => {
    const rank = (room: string) => (room === '(top)' ? ORDER.length : ORDER.indexOf(room));
    const wrong = [...fileGraph].flatMap(([from, tos]) =>
      tos.filter((to) => rank(roomOf(join(LAYOUT, to))) > rank(roomOf(join(LAYOUT, from)))).map((to) => `${from} → ${to}`),
    );
    expect(wrong, 'imports of a room to the right (move the shared part to the lower room)').toEqual([]);
  });

  it('has no circle between rooms', () => {
    const rooms = new Map<string, string[]>();
    for (const [from, tos] of fileGraph) {
      const a = roomOf(join(LAYOUT, from));
      const list = rooms.get(a) ?? [];
      for (const to of tos) if (roomOf(join(LAYOUT, to)) !== a) list.push(roomOf(join(LAYOUT, to)));
      rooms.set(a, [...new Set(list)]);
    }
    expect(findCircle(rooms)?.join(' → '), 'a circle between rooms').toBeUndefined();
  });

  it('has no import circle between files', () => {
    const circle = findCircle(fileGraph);
    expect(circle?.join(' → '), 'an import circle: move what both sides share to a third file').toBeUndefined();
  });

  it('is entered from the rest of src/ only through its doors', () => {
    const outside = tsFiles(SRC).filter((f) => !f.startsWith(LAYOUT + sep));
    const through = outside.flatMap((f) =>
      localImports(f)
        .filter((p) => p.startsWith(LAYOUT + sep) && !DOORS.includes(inLayout(p)))
        .map((p) => `${relative(REPO, f)} → src/layout/${inLayout(p)}`),
    );
    expect(through, 'imports of a room\'s inside from outside src/layout: go through a door, or add one to DOORS on purpose').toEqual([]);
    for (const door of DOORS) expect(existsSync(join(LAYOUT, door)), door).toBe(true);
  });
});
