import { createHash } from 'node:crypto';
import { chmod, cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** One output file, in memory, ready to be written. */
export interface OutputFile {
  /** File name inside the output folder, e.g. `programme.pdf`. */
  file: string;
  content: Buffer;
  /** Pages, for PDFs. */
  pages?: number;
}

/** One line of `dist/manifest.json`. */
export interface ManifestEntry {
  file: string;
  pages?: number;
  bytes: number;
  sha256: string;
}

export const MANIFEST_JSON = 'manifest.json';

/** The manifest of a set of outputs: every file with its pages, size and sha256, sorted by name. */
export function manifestOf(files: OutputFile[]): ManifestEntry[] {
  return [...files]
    .sort((a, b) => a.file.localeCompare(b.file))
    .map((f) => ({
      file: f.file,
      ...(f.pages !== undefined ? { pages: f.pages } : {}),
      bytes: f.content.length,
      sha256: createHash('sha256').update(f.content).digest('hex'),
    }));
}

/**
 * Write outputs all-or-nothing: everything goes to a temporary folder beside `outDir`, which then
 * replaces `outDir` in one rename. With `keepOthers`, files of the previous build that were not rebuilt
 * (a `--only` build) are carried over and stay in the manifest. A failure leaves `outDir` as it was.
 */
export async function writeOutputs(opts: { outDir: string; files: OutputFile[]; keepOthers?: boolean }): Promise<ManifestEntry[]> {
  const outDir = path.resolve(opts.outDir);
  const parent = path.dirname(outDir);
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(path.join(parent, `.${path.basename(outDir)}-capa-`));
  // mkdtemp makes a private (0700) folder; the output folder is an ordinary one.
  await chmod(staging, 0o777 & ~process.umask());
  const previous = `${staging}-old`;
  try {
    let manifest = manifestOf(opts.files);
    if (opts.keepOthers && existsSync(outDir)) {
      await cp(outDir, staging, { recursive: true });
      const built = new Set(opts.files.map((f) => f.file));
      const old = await readManifest(outDir);
      manifest = [...old.filter((e) => !built.has(e.file) && existsSync(path.join(outDir, e.file))), ...manifest]
        .sort((a, b) => a.file.localeCompare(b.file));
    }
    for (const f of opts.files) await writeFile(path.join(staging, f.file), f.content);
    await writeFile(path.join(staging, MANIFEST_JSON), JSON.stringify({ files: manifest }, null, 2) + '\n');
    if (existsSync(outDir)) await rename(outDir, previous);
    await rename(staging, outDir);
    await rm(previous, { recursive: true, force: true });
    return manifest;
  } catch (err) {
    if (!existsSync(outDir) && existsSync(previous)) await rename(previous, outDir);
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
}

async function readManifest(outDir: string): Promise<ManifestEntry[]> {
  try {
    const parsed = JSON.parse(await readFile(path.join(outDir, MANIFEST_JSON), 'utf8')) as { files?: ManifestEntry[] };
    return Array.isArray(parsed.files) ? parsed.files : [];
  } catch {
    return [];
  }
}
