import { join, relative, sep } from 'node:path';
import { MANIFEST_FILE } from '../defaults.js';
import type { Diagnostic } from '../report/Diagnostic.js';
import type { CliContext } from './CliContext.js';
import { repositoryRoot } from './kitFolder.js';
import { builtinTemplatePath } from '../render/shownTemplateFile.js';

/** How `validate` and `build` print their report (`--format`). */
export type OutputFormat = 'text' | 'json' | 'github' | 'gitlab';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'github', 'gitlab'];

/**
 * The diagnostics as forge annotations on stdout: GitHub workflow commands or a GitLab code quality
 * report. Paths are relative to the root of the git repository holding the kit — what the forge
 * matches against the files of the commit, whatever `working-directory` the job uses — and relative
 * to the current folder when the kit is in no repository.
 */
export async function printAnnotations(ctx: CliContext, opts: { dir: string; format: 'github' | 'gitlab'; diagnostics: Diagnostic[] }): Promise<void> {
  const base = (await repositoryRoot(opts.dir)) ?? ctx.cwd;
  // One of capa's built-in templates is in no repository: named as built-in, never as a path under the kit.
  const pathOf = (file: string) => (builtinTemplatePath(file) !== undefined ? file : relative(base, join(opts.dir, file)).split(sep).join('/'));
  if (opts.format === 'github') {
    const { formatGithub } = await import('../report/formatGithub.js');
    const text = formatGithub(opts.diagnostics, { pathOf });
    if (text) ctx.stdout.write(text + '\n');
    return;
  }
  const { formatGitlab } = await import('../report/formatGitlab.js');
  ctx.stdout.write(formatGitlab(opts.diagnostics, { pathOf, manifestPath: pathOf(MANIFEST_FILE) }) + '\n');
}
