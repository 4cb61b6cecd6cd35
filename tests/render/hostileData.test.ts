import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { build, type BuildResult } from '../../src/build.js';
import { readPdf, outlineTitles, type ReadPdf } from '../helpers/pdf.js';
import { copyKit, ROOT } from '../helpers/tempKit.js';
import { qpdfCheck } from '../property/pdfChecks.js';
import { readIcs } from '../calendar/readIcs.js';

/**
 * Kit data is text. Whatever a YAML value holds — an HTML entity, markup, Handlebars, a CDATA end, control
 * characters — it prints as written in every document, and neither breaks the build nor turns into markup.
 * Each text field kind each document prints gets a different hostile value (tagged `Vnn` to find it); the PDFs
 * are read back with pdf.js. Control characters have no visible form: they are left out, and nothing else.
 */
const PAYLOADS = ['R&D; salle', '&amp;', '&nbsp;', '<b>gras</b>', '{{kit.id}}', '</p><h1>titre', ']]>', '&#x41;', 'x\u0007\u001b[2Jy', '&lt;i&gt;', '<![CDATA[z'];

/** A field: its file and path in the demo kit, and the PDFs that must print it. */
const FIELDS: Array<{ file: string; path: Array<string | number>; in: string[] }> = [
  { file: 'capa.yaml', path: ['kit', 'title'], in: ['programme.pdf', 'deroule.pdf', 'carnet.pdf', 'badges.pdf'] },
  { file: 'capa.yaml', path: ['kit', 'subtitle'], in: ['programme.pdf'] },
  { file: 'capa.yaml', path: ['territories', 0, 'name'], in: ['cas-usage.pdf'] },
  { file: 'capa.yaml', path: ['organisations', 2, 'name'], in: ['badges.pdf', 'emargement.pdf'] },
  { file: 'capa.yaml', path: ['people', 4, 'name'], in: ['programme.pdf', 'deroule.pdf', 'badges.pdf', 'emargement.pdf'] },
  { file: 'capa.yaml', path: ['use_cases', 0, 'title'], in: ['cas-usage.pdf'] },
  { file: 'capa.yaml', path: ['use_cases', 0, 'end_users', 0], in: ['cas-usage.pdf'] },
  { file: 'capa.yaml', path: ['use_cases', 0, 'problems', 0], in: ['cas-usage.pdf'] },
  { file: 'capa.yaml', path: ['use_cases', 0, 'data', 0], in: ['cas-usage.pdf'] },
  { file: 'capa.yaml', path: ['threads', 0, 'title'], in: ['defis.pdf'] },
  { file: 'capa.yaml', path: ['challenges', 0, 'title'], in: ['defis.pdf'] },
  { file: 'capa.yaml', path: ['challenges', 0, 'question'], in: ['defis.pdf'] },
  { file: 'capa.yaml', path: ['challenges', 0, 'prompts', 0], in: ['defis.pdf'] },
  { file: 'capa.yaml', path: ['challenges', 0, 'outputs', 0], in: ['defis.pdf'] },
  { file: 'programme.yaml', path: ['sessions', 0, 'title'], in: ['programme.pdf', 'carnet.pdf'] },
  { file: 'programme.yaml', path: ['sessions', 0, 'venue', 'name'], in: ['programme.pdf'] },
  { file: 'programme.yaml', path: ['sessions', 0, 'visit', 'title'], in: ['programme.pdf'] },
  { file: 'programme.yaml', path: ['sessions', 0, 'days', 0, 'slots', 0, 'title'], in: ['programme.pdf'] },
  { file: 'programme.yaml', path: ['sessions', 0, 'days', 0, 'slots', 1, 'room'], in: ['programme.pdf', 'deroule.pdf'] },
  { file: 'programme.yaml', path: ['workshops', 0, 'title'], in: ['programme.pdf', 'deroule.pdf', 'carnet.pdf'] },
  { file: 'programme.yaml', path: ['workshops', 0, 'materials', 3], in: ['deroule.pdf', 'carnet.pdf'] },
  { file: 'programme.yaml', path: ['workshops', 0, 'objectives', 0], in: ['carnet.pdf'] },
  { file: 'programme.yaml', path: ['workshops', 0, 'questions', 0], in: ['carnet.pdf'] },
  { file: 'programme.yaml', path: ['workshops', 0, 'steps', 0, 'title'], in: ['deroule.pdf', 'carnet.pdf'] },
  { file: 'programme.yaml', path: ['follow_up', 'title'], in: ['programme.pdf'] },
];

/** The value written in field `i`: a tag to find it, and a payload (every payload is used more than once). */
const valueOf = (i: number) => `V${String(i).padStart(2, '0')} ${PAYLOADS[i % PAYLOADS.length]}`;
/** What must be read back: the value without its control characters, compared without spaces (typography adds some). */
// eslint-disable-next-line no-control-regex
const printed = (s: string) => s.replace(/[\u0000-\u001F\u007F-\u009F]/g, '');
const squeeze = (s: string) => s.replace(/[\s\u00A0\u202F\u00AD]+/g, '');
/** Templates may set a field in capitals (`{{upper thread.title}}` on cards): letters are compared in one case. */
const fold = (s: string) => squeeze(s).toLocaleUpperCase('fr');

let result: BuildResult;
const pdfs = new Map<string, ReadPdf>();

beforeAll(async () => {
  const changes: Record<string, (text: string) => string> = {};
  for (const file of new Set(FIELDS.map((f) => f.file))) {
    changes[file] = (text) => {
      const doc = parseDocument(text);
      FIELDS.forEach((f, i) => {
        if (f.file !== file) return;
        if (!doc.hasIn(f.path)) throw new Error(`${file}: no ${f.path.join('.')} in the demo kit`);
        doc.setIn(f.path, valueOf(i));
      });
      return doc.toString();
    };
  }
  const dir = copyKit(path.join(ROOT, 'kits', 'demo'), changes);
  result = await build({ dir, to: 'memory', lang: 'en' });
  for (const f of result.files) if (f.file.endsWith('.pdf')) pdfs.set(f.file, await readPdf(new Uint8Array(f.content)));
}, 300_000);

describe('hostile values in every text field print as written in every document', () => {
  it('builds without an error', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
    expect([...pdfs.keys()].sort()).toEqual(['badges.pdf', 'carnet.pdf', 'cas-usage.pdf', 'defis.pdf', 'deroule.pdf', 'emargement.pdf', 'programme.pdf']);
  });

  it.each(FIELDS.map((f, i) => [f.path.join('.'), i] as const))('%s', (_name, i) => {
    const field = FIELDS[i]!;
    const expected = fold(printed(valueOf(i)));
    for (const file of field.in) {
      const text = fold(pdfs.get(file)!.flat.join(''));
      expect(text, `${file} prints ${JSON.stringify(valueOf(i))}`).toContain(expected);
    }
  });

  it('no value became markup, ran as a template or left a control character', () => {
    for (const [file, pdf] of pdfs) {
      const all = pdf.text.join('\n');
      // `{{kit.id}}` is printed as braces, never replaced by the kit id.
      expect(all, file).not.toContain('demo-port-exemple');
      // eslint-disable-next-line no-control-regex
      expect(all, file).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/);
      for (const title of outlineTitles(pdf.outline)) expect(title, `${file} outline`).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
      expect(String(pdf.info.Title ?? ''), `${file} title`).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
    }
    // The title of a document carries the kit's title as written.
    expect(squeeze(String(pdfs.get('programme.pdf')!.info.Title))).toContain(squeeze(printed(valueOf(0))));
  });

  it('the calendar (programme.ics) carries them as written too, read back by an independent parser', () => {
    const ics = result.files.find((f) => f.file.endsWith('.ics'));
    expect(ics).toBeDefined();
    const events = readIcs(Buffer.from(ics!.content)).events;
    const all = squeeze(events.flatMap((e) => [e.summary, e.location ?? '', e.description ?? '']).join('\n'));
    // Kit title (description), session title, venue, visit title, a slot's title and room, the follow-up.
    for (const path of ['kit.title', 'sessions.0.title', 'sessions.0.venue.name', 'sessions.0.visit.title', 'sessions.0.days.0.slots.0.title', 'sessions.0.days.0.slots.1.room', 'follow_up.title']) {
      const i = FIELDS.findIndex((f) => f.path.join('.') === path);
      expect(all, `programme.ics prints ${JSON.stringify(valueOf(i))}`).toContain(squeeze(printed(valueOf(i))));
    }
  });

  it('every PDF passes qpdf --check', () => {
    for (const f of result.files) {
      if (!f.file.endsWith('.pdf')) continue;
      const check = qpdfCheck(f.content);
      expect(check.status, `${f.file}: ${check.output}`).toBe(0);
    }
  });
});
