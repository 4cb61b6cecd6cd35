import { contrastRatio, MIN_CONTRAST, readableOn } from '../colors/contrast.js';
import { leastDifference, MIN_DIFFERENCE, type Vision } from '../colors/colorDifference.js';
import { THEME_TEXT_BACKGROUNDS, THREAD_PALETTE } from '../colors/palettes.js';
import { slotKindColors } from '../documents/agenda.js';
import type { Kit, SlotKind } from '../kit/Kit.js';
import { toPointer, type DataPath, type LoadedKit } from '../kit/LoadedKit.js';
import { rec } from '../kit/readData.js';
import type { Diagnostic } from '../report/Diagnostic.js';
import { defineMessages, quote, type Lang } from '../report/messages.js';

const VISION: Record<Lang, Record<Vision, string>> = {
  fr: { normal: 'en vision normale', protanopia: 'pour une personne protanope (simulation)', deuteranopia: 'pour une personne deutéranope (simulation)', tritanopia: 'pour une personne tritanope (simulation)' },
  en: { normal: 'in normal vision', protanopia: 'for a person with protanopia (simulated)', deuteranopia: 'for a person with deuteranopia (simulated)', tritanopia: 'for a person with tritanopia (simulated)' },
};

const msg = defineMessages({
  fr: {
    contrast: (p) =>
      `la couleur ${p.key} ${p.color} est imprimée en texte (titres, libellés) sur fond blanc ou clair : contraste ${p.ratio}:1, sous le minimum de ${p.min}:1 (WCAG) ; les documents l’impriment assombrie. Choisissez une couleur de même teinte qui passe, par exemple ${p.key}: "${p.alternative}" (${p.altRatio}:1)`,
    threads: (p) =>
      `les fils ${quote('fr', p.a)} (${p.colorA}) et ${quote('fr', p.b)} (${p.colorB}) ont des couleurs trop proches : écart ΔE2000 de ${p.delta} ${p.vision}, il en faut au moins ${p.min} pour les distinguer sur les cartes et la carte des fils. Choisissez par exemple color: "${p.alternative}"`,
    kinds: (p) =>
      `la couleur ${p.key} ${p.color} donne aux créneaux kind: ${p.kind} une couleur (${p.kindColor}) trop proche de celle des créneaux kind: ${p.other} (${p.otherColor}) sur les frises du programme : écart ΔE2000 de ${p.delta} ${p.vision}, il en faut au moins ${p.min}. Choisissez une couleur ${p.key} plus éloignée`,
  },
  en: {
    contrast: (p) =>
      `the ${p.key} colour ${p.color} is printed as text (headings, labels) on white or pale backgrounds: contrast ${p.ratio}:1, below the minimum of ${p.min}:1 (WCAG); the documents print it darkened. Choose a colour of the same hue that passes, for example ${p.key}: "${p.alternative}" (${p.altRatio}:1)`,
    threads: (p) =>
      `threads ${quote('en', p.a)} (${p.colorA}) and ${quote('en', p.b)} (${p.colorB}) have colours too close to tell apart: CIEDE2000 difference ${p.delta} ${p.vision}, at least ${p.min} is needed on the cards and the thread map. Choose for example color: "${p.alternative}"`,
    kinds: (p) =>
      `the ${p.key} colour ${p.color} gives slots of kind: ${p.kind} a colour (${p.kindColor}) too close to that of kind: ${p.other} (${p.otherColor}) on the programme's timelines: CIEDE2000 difference ${p.delta} ${p.vision}, at least ${p.min} is needed. Choose another ${p.key} colour, further from it`,
  },
});

const fixed = (lang: Lang, n: number, digits: number) => n.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The theme keys a kit writes, and which slot kinds take their colour from each (documents/agenda.ts). */
const THEME_KINDS: Record<'primary' | 'accent', SlotKind[]> = { primary: ['workshop', 'plenary'], accent: ['informal'] };

/**
 * Colours a kit sets, as the built-in documents use them: a theme colour printed as small text must reach 4.5:1 on
 * the page and the pale panels (WCAG), and colours that mean something (threads, slot kinds) must stay apart for people
 * with the common colour-vision deficiencies. Warnings, at the colour's value in the YAML.
 */
export function checkColors(loaded: LoadedKit, kit: Kit, lang: Lang): Diagnostic[] {
  const out: Diagnostic[] = [];
  const warn = (path: DataPath, code: string, message: string) =>
    out.push({ severity: 'warning', code, message, ...loaded.locate(path), path: toPointer(path) });
  const written = rec(rec(loaded.data).theme);

  for (const key of ['primary', 'accent'] as const) {
    if (typeof written[key] !== 'string') continue;
    const color = kit.theme[key].toUpperCase();
    const ratio = Math.min(...THEME_TEXT_BACKGROUNDS.map((bg) => contrastRatio(color, bg)));
    if (ratio >= MIN_CONTRAST.text) continue;
    const alternative = THEME_TEXT_BACKGROUNDS.reduce((c, bg) => readableOn(c, bg), color);
    const altRatio = Math.min(...THEME_TEXT_BACKGROUNDS.map((bg) => contrastRatio(alternative, bg)));
    warn(['theme', key], 'color/contrast', msg(lang, 'contrast', { key, color, ratio: fixed(lang, ratio, 2), min: fixed(lang, MIN_CONTRAST.text, 1), alternative, altRatio: fixed(lang, altRatio, 2) }));
  }

  // Slot kinds coloured by the theme, against every other kind: the fixed ones already keep apart from each other.
  const kinds = slotKindColors(kit.theme);
  const seen = new Set<string>();
  for (const key of ['primary', 'accent'] as const) {
    if (typeof written[key] !== 'string') continue;
    for (const kind of THEME_KINDS[key]) {
      for (const other of Object.keys(kinds) as SlotKind[]) {
        const pair = [kind, other].sort().join('|');
        // Workshops and plenaries come from one colour and differ by lightness by design.
        if (THEME_KINDS[key].includes(other) || seen.has(pair)) continue;
        seen.add(pair);
        const least = leastDifference(kinds[kind], kinds[other]);
        if (least.delta >= MIN_DIFFERENCE.warn) continue;
        warn(['theme', key], 'color/too-close', msg(lang, 'kinds', {
          key, color: kit.theme[key], kind, kindColor: kinds[kind], other, otherColor: kinds[other],
          delta: fixed(lang, least.delta, 1), vision: VISION[lang][least.vision], min: MIN_DIFFERENCE.warn,
        }));
      }
    }
  }

  // Thread colours the kit set, pair by pair; the warning sits on the later thread's colour.
  const set = kit.threads.filter((t) => t.color);
  for (let j = 1; j < set.length; j++) {
    for (let i = 0; i < j; i++) {
      const [a, b] = [set[i], set[j]];
      const least = leastDifference(a.color!, b.color!);
      if (least.delta >= MIN_DIFFERENCE.warn) continue;
      const others = set.filter((t) => t !== b).map((t) => t.color!);
      const alternative = THREAD_PALETTE.find((p) => others.every((c) => leastDifference(p, c).delta >= MIN_DIFFERENCE.palette)) ?? THREAD_PALETTE[0];
      warn([...b.path, 'color'], 'color/too-close', msg(lang, 'threads', {
        a: a.title || a.id, colorA: a.color!, b: b.title || b.id, colorB: b.color!,
        delta: fixed(lang, least.delta, 1), vision: VISION[lang][least.vision], min: MIN_DIFFERENCE.warn, alternative,
      }));
      break;
    }
  }
  return out;
}
