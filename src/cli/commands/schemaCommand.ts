import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { CliContext } from '../CliContext.js';
import { cliMessages as m } from '../cliMessages.js';

/** `capa schema [--out dir]`: copy the package's JSON Schemas (`schemas/*.json`) into `out`. */
export async function schemaCommand(ctx: CliContext, opts: { out: string }): Promise<number> {
  const from = join(ctx.deps.packageRoot, 'schemas');
  const names = (await readdir(from)).filter((n) => n.endsWith('.json')).sort();
  // The schemas ship with the package: none found means a broken install, an internal failure.
  if (names.length === 0) throw new Error(`no JSON Schema in ${from}`);
  const to = resolve(ctx.cwd, opts.out);
  await mkdir(to, { recursive: true });
  for (const name of names) {
    await copyFile(join(from, name), join(to, name));
    if (!ctx.quiet) ctx.stdout.write(`${ctx.chalk.green('✓')} ${m(ctx.lang, 'schemaWritten', { file: shown(ctx, join(to, name)) })}\n`);
  }
  ctx.stdout.write(m(ctx.lang, 'schemaSummary', { n: names.length, dir: shown(ctx, to) }) + '\n');
  return 0;
}

function shown(ctx: CliContext, abs: string): string {
  return relative(ctx.cwd, abs) || '.';
}
