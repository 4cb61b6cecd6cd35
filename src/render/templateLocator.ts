import type { Location } from '../report/Diagnostic.js';
import { toPointer, type DataPath } from '../kit/LoadedKit.js';
import { dataPathIn, type DataOrigins } from './dataOrigins.js';
import type { SourceMap } from './sourceMarkers.js';

/**
 * `RenderResult.locate` for one render: the template place of a line and column of its output, named as in
 * diagnostics (`file`), and with `content` the longest kit value printed inside the element starting there.
 */
export function templateLocator(opts: {
  map: SourceMap;
  origins: DataOrigins;
  escape: (s: string) => string;
  file: (source: string) => string | undefined;
}): (line: number, column: number, how?: { content?: boolean }) => Location | undefined {
  const { map, origins } = opts;
  return (line, column, how) => {
    const p = map.locate(line, column);
    const file = p && opts.file(p.source);
    if (!p || file === undefined) return undefined;
    const place: Location = { file, line: p.line, column: p.column };
    if (!how?.content) return place;
    let best: { path: DataPath; length: number } | undefined;
    for (const o of map.originsWithin(line, column)) {
      const found = dataPathIn(origins, o.id, o.printed, opts.escape);
      if (found && (!best || found.length > best.length)) best = found;
    }
    return best ? { ...place, path: toPointer(best.path) } : place;
  };
}
