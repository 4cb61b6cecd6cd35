import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { templateModelPath, templateModelSource } from '../../scripts/genTemplateModel.mjs';
import { DOCUMENTS } from '../../src/defaults.js';
import { checkTemplates } from '../../src/render/checkTemplates.js';
import { TEMPLATE_MODEL } from '../../src/render/templateModel.generated.js';
import { fieldStep } from '../../src/render/templateTypes.js';
import { tempKit } from '../helpers/tempKit.js';

describe('the data templates receive, as the template checker knows it', () => {
  it('is generated from the model’s TypeScript types: run node scripts/genDocs.mjs when this fails', () => {
    expect(readFileSync(templateModelPath, 'utf8'), 'src/render/templateModel.generated.ts is stale').toBe(templateModelSource());
  });

  it('knows every document with a template, and follows references, lists and optional fields', () => {
    const pdfDocuments = Object.keys(DOCUMENTS).filter((d) => d !== 'calendar');
    expect(Object.keys(TEMPLATE_MODEL.documents).sort()).toEqual(pdfDocuments.sort());
    const kit = { k: 'ref', name: 'Kit' } as const;
    const sessions = fieldStep(TEMPLATE_MODEL, kit, 'sessions');
    expect(sessions).toEqual({ ok: true, type: { k: 'list', of: { k: 'ref', name: 'Session' } } });
    // An optional field is a field: `{{#if kit.subtitle}}` is no mistake.
    expect(fieldStep(TEMPLATE_MODEL, kit, 'subtitle')).toMatchObject({ ok: true, type: { optional: true } });
    const typo = fieldStep(TEMPLATE_MODEL, kit, 'sessionz');
    expect(typo.ok).toBe(false);
    if (!typo.ok) expect(typo.candidates).toContain('sessions');
    // What a located type extends is there too (`path`), but never suggested.
    expect(fieldStep(TEMPLATE_MODEL, { k: 'ref', name: 'Session' }, 'path').ok).toBe(true);
  });

  it.each(['fr', 'en'] as const)('finds nothing to say about capa’s own templates (%s)', (lang) => {
    const kitDir = tempKit({ 'capa.yaml': 'capa: 1\n' });
    expect(checkTemplates({ kitDir, documents: Object.keys(DOCUMENTS), lang })).toEqual([]);
  });
});
