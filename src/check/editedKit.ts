import path from 'node:path';
import type { Diagnostic } from '../report/Diagnostic.js';
import type { Lang } from '../report/messages.js';
import { dataDigest } from '../kit/dataDigest.js';
import { KIT_LIMITS } from '../kit/kitLimits.js';
import { readYamlFile } from '../kit/readYamlFile.js';
import { writeCheckCache, type CheckCacheSlot, type StoredCheck } from './checkCache.js';

/**
 * The diagnostics of a kit whose files changed since `stored` was written, when the change cannot alter them: the
 * same files, and every changed one either a YAML file of the kit whose data are what they were (a comment added, a
 * value quoted, lines re-indented) or a file no check reads (a README, a workflow). Only the changed YAML files are
 * parsed; neither the loader, the checks nor the schema validator are loaded. Undefined when that cannot be shown:
 * the kit is then checked in full.
 *
 * The checks see the merged data, the files' names and order, and each file's text only to place a diagnostic or
 * quote its line; the loader sees the listing, the sizes and each file's data; other files are read when the data
 * name them (images) or under `templates/`. So the output is the same when:
 * - the kit holds the same entries (kinds, names, link targets), and the entry was written for a kit that loaded
 *   without any problem (every file the includes match was read, so a file that is not a part matches none);
 * - no changed file may be read by a check other than the loader (`LoaderView.read`), and each changed part is a
 *   regular file that now reads without any problem, to data of the same `dataDigest`;
 * - no stored diagnostic names a changed file (its positions and quoted lines may have moved), and the YAML files
 *   still fit the kit's size limit.
 * The entry is then stored again for the kit as it is now.
 */
export async function reuseAfterEdit(slot: CheckCacheSlot, stored: StoredCheck, lang: Lang): Promise<Diagnostic[] | undefined> {
  const now = slot.print.entries;
  const { loader } = stored;
  if (!loader || stored.entries.length !== now.length) return undefined;
  const changed: string[] = [];
  for (const [i, was] of stored.entries.entries()) {
    const is = now[i]!;
    if (was.kind !== is.kind || was.rel !== is.rel || was.extra !== is.extra) return undefined;
    if (was.sha !== is.sha || was.size !== is.size) changed.push(is.rel);
  }
  if (changed.length === 0) return undefined;

  const sizes = new Map(now.map((e) => [e.rel, e.size]));
  let total = 0;
  for (const part of loader.parts) {
    const size = sizes.get(part.rel);
    if (size === undefined) return undefined;
    total += size;
  }
  if (total > KIT_LIMITS.maxKitBytes) return undefined;

  const named = JSON.stringify(stored.diagnostics);
  const kinds = new Map(now.map((e) => [e.rel, e.kind]));
  for (const rel of changed) {
    if (loader.read.includes(rel) || named.includes(rel)) return undefined;
    const part = loader.parts.find((p) => p.rel === rel);
    if (!part) continue;
    if (kinds.get(rel) !== 'f' || named.includes(part.file)) return undefined;
    const read = await readYamlFile({ real: path.join(slot.print.real, ...rel.split('/')), file: part.file, lang });
    if (read.failure || read.diagnostics.length > 0 || read.value === undefined || dataDigest(read.value) !== part.digest) return undefined;
  }
  // The data are those the entry was written for, which passed writeCheckCache's checks then.
  writeCheckCache(slot, { dir: slot.print.real, data: undefined, diagnostics: stored.diagnostics, loader });
  return stored.diagnostics;
}
