import { stat, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

/** Where the forges read the CI recipes: at the root of the repository. */
export const GITHUB_WORKFLOW = '.github/workflows/capa.yml';
export const GITLAB_CI = '.gitlab-ci.yml';

/** A file for the repository root, relative to it, with its text. */
export interface RootFile {
  file: string;
  text: string;
}

/**
 * The root of the git repository holding `dir`, when `dir` is strictly inside it (a `.git` folder, or
 * the `.git` file of a worktree or submodule, in a parent); undefined when `dir` is the root or in none.
 */
export async function repositoryRootAbove(dir: string): Promise<string | undefined> {
  if (await stat(join(dir, '.git')).then(() => true, () => false)) return undefined;
  for (let d = dirname(dir); ; d = dirname(d)) {
    if (await stat(join(d, '.git')).then(() => true, () => false)) return d;
    if (dirname(d) === d) return undefined;
  }
}

/** What the CI recipes need to know of the kit's place in its repository. */
export function ciData(opts: { dir: string; repoRoot?: string }, kitId: string) {
  const kitPath = opts.repoRoot ? relative(opts.repoRoot, opts.dir).split(sep).join('/') : '';
  const prefix = kitPath ? `${kitPath}/` : '';
  return {
    kitPath,
    distPath: `${prefix}dist/`,
    reportPath: `${prefix}gl-code-quality-report.json`,
    ciName: kitPath ? `capa-${kitId}` : 'capa',
  };
}

/**
 * The CI files of a kit in a subfolder, as they go at the repository root: the GitHub workflow named
 * after the kit (several kits can share a repository), and for GitLab, which reads one file only, a
 * root `.gitlab-ci.yml` including the kit's job, which stays in the kit folder (`KIT_GITLAB_JOB`).
 */
export function atRoot(rendered: Map<string, string>, data: ReturnType<typeof ciData>): Map<string, string> {
  const out = new Map<string, string>();
  if (rendered.size === 0) return out;
  out.set(`.github/workflows/${data.ciName}.yml`, rendered.get(GITHUB_WORKFLOW)!);
  out.set(GITLAB_CI, `include:\n  - local: ${JSON.stringify(`/${data.kitPath}/${KIT_GITLAB_JOB}`)}\n`);
  return out;
}

/** The kit's GitLab job, in its folder, when the kit is not at the root of its repository. */
export const KIT_GITLAB_JOB = 'capa.gitlab-ci.yml';

/** Write the root files that are not there yet; the others are kept, with what they would have said. */
export async function writeAtRoot(root: string, files: Map<string, string>): Promise<{ rootWritten: string[]; rootKept: RootFile[] }> {
  const rootWritten: string[] = [];
  const rootKept: RootFile[] = [];
  for (const [file, text] of files) {
    const abs = join(root, file);
    await mkdir(dirname(abs), { recursive: true });
    try {
      await writeFile(abs, text, { flag: 'wx' });
      rootWritten.push(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      rootKept.push({ file, text });
    }
  }
  return { rootWritten, rootKept };
}
