import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkKit } from '../../src/check/validateKit.js';
import { agendaData } from '../../src/documents/agenda.js';
import { carnetData } from '../../src/documents/carnet.js';
import type { DocumentContext } from '../../src/documents/DocumentSpec.js';
import { runSheetData } from '../../src/documents/runSheet.js';
import { fromModule, precompileBuiltins, type PrecompiledModule } from '../../src/render/builtinTemplates.js';
import { builtinTemplatesDir, createRenderer, type Renderer } from '../../src/render/createRenderer.js';
import { tempKit } from '../helpers/tempKit.js';

const DEMO = fileURLToPath(new URL('../../kits/demo/', import.meta.url));

function withoutTitle(o: object): object {
  const { title: _title, ...rest } = o as { title?: unknown };
  return rest;
}

/** What `scripts/precompileTemplates.mjs` writes, loaded as the renderer would. */
function precompiled() {
  const mod = {} as PrecompiledModule;
  new Function('exports', precompileBuiltins(builtinTemplatesDir()))(mod);
  return fromModule(mod);
}

describe('built-in templates compiled at build time', () => {
  const ahead = precompiled();

  it('holds every built-in template and both label files', () => {
    expect(ahead.templates.has('builtin:templates/agenda/main.hbs')).toBe(true);
    expect(ahead.templates.has('builtin:templates/carnet/partials/workshop.hbs')).toBe(true);
    expect(ahead.catalogues.size).toBe(2);
  });

  it('render the same markup, source map and diagnostics as templates compiled at run time', async () => {
    const { kit, loaded } = await checkKit({ dir: DEMO });
    if (!kit) throw new Error('demo kit did not resolve');
    const renderers: Renderer[] = [
      createRenderer({ kitDir: DEMO, lang: kit.lang, messageLang: 'en', precompiled: ahead }),
      createRenderer({ kitDir: DEMO, lang: kit.lang, messageLang: 'en', precompiled: null }),
    ];
    const results = renderers.map((renderer) => {
      const ctx = { kit, renderer, messageLang: 'en', assets: () => undefined, loaded, print: {} } as unknown as DocumentContext;
      const docs = { agenda: agendaData(ctx), 'run-sheet': runSheetData(ctx), carnet: carnetData(ctx) };
      return Object.entries(docs).flatMap(([name, doc]) => {
        const good = renderer.render(`${name}/main`, { kit, theme: kit.theme, doc });
        const lines = good.output.split('\n');
        const places = lines.flatMap((line, i) => [1, Math.ceil(line.length / 2), line.length].map((c) => good.locate(i + 1, c)));
        // A field missing deep in the data: the error comes from a partial.
        const sessions = (doc as { sessions?: Array<{ session: object }> }).sessions ?? [];
        const broken = renderer.render(`${name}/main`, {
          kit,
          theme: kit.theme,
          doc: { ...doc, sessions: sessions.map((s) => ({ ...s, session: withoutTitle(s.session) })) },
        });
        return [good.output, good.diagnostics, places, broken.diagnostics];
      });
    });
    expect(results[0]).toEqual(results[1]);
    // The broken data did reach the templates: each document reported a located missing field.
    const reported = JSON.stringify(results[0]);
    expect(reported.match(/"code":"template\/missing-field"/g)?.length).toBeGreaterThan(0);
    expect(reported).toMatch(/"file":"(modèle intégré|built-in template) [a-z-]+\/partials\/[a-z-]+\.hbs","line":\d+,"column":\d+/);
  });

  it('are not used for a built-in template whose text changed since', () => {
    const builtinDir = tempKit({ 'agenda/main.hbs': '<p>edited</p>' });
    const r = createRenderer({ kitDir: tempKit({}), builtinDir, lang: 'fr', precompiled: ahead });
    expect(r.render('agenda/main', {}).output).toBe('<p>edited</p>');
  });
});
