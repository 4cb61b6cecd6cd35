import { copyFile, readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { makeFolder } from '../../documents/makeFolder.js';
import { CapaError, UsageError } from '../../report/CapaError.js';
import { defineMessages, quote } from '../../report/messages.js';
import type { CliContext } from '../CliContext.js';
import { cliMessages as m } from '../cliMessages.js';

const msg = defineMessages({
  fr: {
    notAFolder: (p) => `${quote('fr', p.dir)} existe et n’est pas un dossier : capa schema --out attend un dossier (il y écrit un fichier par schéma) ; choisissez-en un autre`,
    notWritable: (p) => `impossible d’écrire les schémas dans ${quote('fr', p.dir)} (${p.reason}) : choisissez avec --out un dossier où vous pouvez écrire`,
  },
  en: {
    notAFolder: (p) => `${quote('en', p.dir)} exists and is not a folder: capa schema --out expects a folder (it writes one file per schema there); choose another one`,
    notWritable: (p) => `cannot write the schemas into ${quote('en', p.dir)} (${p.reason}): choose with --out a folder you can write to`,
  },
});

/** `capa schema [--out dir]`: copy the package's JSON Schemas (`schemas/*.json`) into `out`. */
export async function schemaCommand(ctx: CliContext, opts: { out: string }): Promise<number> {
  const from = join(ctx.deps.packageRoot, 'schemas');
  const names = (await readdir(from)).filter((n) => n.endsWith('.json')).sort();
  // The schemas ship with the package: none found means a broken install, an internal failure.
  if (names.length === 0) throw new Error(`no JSON Schema in ${from}`);
  const to = resolve(ctx.cwd, opts.out);
  try {
    await makeFolder(to);
    for (const name of names) {
      await copyFile(join(from, name), join(to, name));
      if (!ctx.quiet) ctx.stdout.write(`${ctx.chalk.green('✓')} ${m(ctx.lang, 'schemaWritten', { file: shown(ctx, join(to, name)) })}\n`);
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // A file where the folder should be (or on its way): the argument is wrong, exit 2; it is named.
    if (code === 'ENOTDIR' || code === 'EEXIST') throw new UsageError('usage/schema-out-not-folder', msg(ctx.lang, 'notAFolder', { dir: shown(ctx, (err as NodeJS.ErrnoException).path ?? to) }), { cause: err });
    if (code && /^E[A-Z]+$/.test(code)) throw new CapaError('schema/not-writable', msg(ctx.lang, 'notWritable', { dir: shown(ctx, to), reason: code }), { cause: err });
    throw err;
  }
  ctx.stdout.write(m(ctx.lang, 'schemaSummary', { n: names.length, dir: shown(ctx, to) }) + '\n');
  return 0;
}

function shown(ctx: CliContext, abs: string): string {
  const rel = relative(ctx.cwd, abs);
  return rel.startsWith('..') ? abs : rel || '.';
}
