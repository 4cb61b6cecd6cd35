import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { readPdf, outlineTitles } from '../helpers/pdf.js';
import { copyKit, ROOT } from '../helpers/tempKit.js';
import { qpdfCheck } from '../property/pdfChecks.js';

/**
 * Control characters in kit data (BEL, ESC and its sequences, NUL, DEL, C1) never reach a PDF: not its text,
 * not its bookmarks, not its document title. They have no visible form and a reader or a terminal may act on
 * them; they are left out where data enters the document markup, so every output format is clean.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

describe('control characters in kit data', () => {
  it('are left out of the text, outline and title of every PDF, which qpdf finds sound (real CLI)', async () => {
    const dir = copyKit(path.join(ROOT, 'kits', 'demo'), {
      'capa.yaml': (text) => {
        const doc = parseDocument(text);
        doc.setIn(['kit', 'title'], 'Bell\u0007 Esc\u001b[31m Nul\u0000 Del\u007f C1\u0085 end');
        doc.setIn(['challenges', 0, 'question'], 'Who\u0007 decides\u001b]0;PWNED\u0007 what\u0000?');
        return doc.toString();
      },
      'programme.yaml': (text) => {
        const doc = parseDocument(text);
        doc.setIn(['sessions', 0, 'title'], 'Session\u001b[2J title');
        return doc.toString();
      },
    });
    const out = path.join(dir, 'dist');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'capa.js'), 'build', dir, '--only', 'agenda,cards,carnet'], {
      encoding: 'utf8',
      env: { ...process.env, CAPA_LANG: 'en', NO_COLOR: '1' },
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    for (const file of ['programme.pdf', 'defis.pdf', 'carnet.pdf']) {
      const bytes = readFileSync(path.join(out, file));
      const check = qpdfCheck(bytes);
      expect(check.status, `${file}: ${check.output}`).toBe(0);
      const pdf = await readPdf(new Uint8Array(bytes));
      expect(pdf.text.join('\n'), file).not.toMatch(CONTROL);
      for (const title of outlineTitles(pdf.outline)) expect(title, `${file} outline`).not.toMatch(CONTROL);
      expect(String(pdf.info.Title), `${file} title`).not.toMatch(CONTROL);
      // The title keeps every visible character, in order.
      expect(String(pdf.info.Title).replace(/\s+/g, ' '), file).toContain('Bell Esc[31m Nul Del C1 end');
    }
    const programme = await readPdf(new Uint8Array(readFileSync(path.join(out, 'programme.pdf'))));
    expect(outlineTitles(programme.outline).join('|')).toContain('Session[2J title');
    const cards = await readPdf(new Uint8Array(readFileSync(path.join(out, 'defis.pdf'))));
    expect(cards.flat.join(' ').replace(/\s+/g, ' ')).toContain('Who decides]0;PWNED what');
  }, 300_000);
});
