import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from '../../src/build.js';
import { checkKit } from '../../src/check/validateKit.js';
import { agendaModel } from '../../src/documents/agenda.js';
import type { Kit } from '../../src/kit/Kit.js';
import { layoutDocument } from '../../src/layout/pages/layoutDocument.js';
import type { LayoutModel } from '../../src/layout/flow/model.js';
import { createRenderer } from '../../src/render/createRenderer.js';

/** Helpers of the agenda tests (also used by the run sheet, sign-in and use-case tests): build in memory, resolve, lay out. */

/** Build only the agenda, in memory. */
export async function buildAgenda(dir: string) {
  const result = await build({ dir, only: ['agenda'], to: 'memory' });
  return { result, pdf: result.files.find((f) => f.file === 'programme.pdf')?.content };
}

/** The resolved kit of a folder (fails the test when it does not check). */
export async function kitOf(dir: string): Promise<Kit> {
  const checked = await checkKit({ dir });
  if (!checked.kit) throw new Error(`kit ${dir} did not resolve: ${checked.diagnostics.map((d) => d.code).join(', ')}`);
  return checked.kit;
}

/** The agenda's template output and layout model, made the way `pdfDocument` makes them (without drawing). */
export async function agendaLayout(dir: string): Promise<{ kit: Kit; markup: string; model: LayoutModel }> {
  const kit = await kitOf(dir);
  const renderer = createRenderer({ kitDir: dir, lang: kit.lang });
  const rendered = renderer.render('agenda/main', { kit, theme: kit.theme, doc: agendaModel(kit) });
  if (rendered.diagnostics.length) throw new Error(rendered.diagnostics.map((d) => d.message).join('\n'));
  const laid = layoutDocument({
    markup: rendered.output,
    file: 'templates/agenda/main.hbs',
    assets: (src) => readFileSync(path.join(dir, src)),
  });
  if (!laid.model) throw new Error(laid.diagnostics.map((d) => d.message).join('\n'));
  return { kit, markup: rendered.output, model: laid.model };
}
