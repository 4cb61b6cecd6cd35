import type { Challenge, Kit } from '../kit/Kit.js';
import { toPointer } from '../kit/LoadedKit.js';
import { luminance, textOn } from '../layout/units.js';
import type { DocumentContext } from './DocumentSpec.js';
import { imposedDocument, sheetSettings, type SheetSettings } from './imposedDocument.js';

/**
 * What the cards template (`templates/cards/main.hbs`) receives as `doc`: one entry per défi, ordered by thread
 * (as the kit lists them) then number, with its colours and the data path of every text the card prints, so a
 * text that does not fit is reported at its YAML line. No wording here: labels are `{{t "cards.…"}}`.
 */
export interface CardsData {
  sheet: SheetSettings;
  cards: CardData[];
}

export interface CardData {
  challenge: Challenge;
  /** The thread's title, when the défi names a thread. */
  threadTitle?: string;
  /** The thread's colour (the theme's primary colour without one) and a readable text colour on it. */
  color: string;
  onColor: string;
  /** The thread colour for text on white (number, headings): darkened when too light to read. */
  ink: string;
  useCases: Array<{ title: string; territory?: string }>;
  /** JSON pointers of the printed fields in the kit data (`/challenges/3/question`). */
  source: { thread: string; title: string; question: string; prompts: string; outputs: string; useCases: string };
}

/**
 * A colour dark enough to read as text on white (luminance ≤ 0.3: contrast ≥ 3 with white, WCAG's bar for large
 * text), mixing it with black step by step. A pale thread colour still marks the band; its text stays legible.
 */
export function inkOf(color: string): string {
  const rgb = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
  let out = color.toUpperCase();
  for (let k = 1; luminance(out) > 0.3 && k <= 10; k++) {
    out = '#' + rgb.map((v) => Math.round(v * (1 - k / 10)).toString(16).padStart(2, '0')).join('').toUpperCase();
  }
  return out;
}

/** Défis in print order: threads in the kit's order, défis without a thread last, then by number. */
export function cardOrder(kit: Kit): Challenge[] {
  const rank = new Map(kit.threads.map((t, i) => [t, i]));
  const threadRank = (c: Challenge) => (c.thread ? (rank.get(c.thread) ?? kit.threads.length) : kit.threads.length + 1);
  return [...kit.challenges].sort((a, b) => threadRank(a) - threadRank(b) || a.number - b.number);
}

export function cardsData(ctx: DocumentContext): CardsData {
  const { kit } = ctx;
  const cards = cardOrder(kit).map((challenge): CardData => {
    const color = challenge.thread?.color ?? kit.theme.primary;
    const at = (field: string) => toPointer([...challenge.path, field]);
    return {
      challenge,
      ...(challenge.thread ? { threadTitle: challenge.thread.title } : {}),
      color,
      onColor: textOn(color),
      ink: inkOf(color),
      useCases: challenge.useCases.map((u) => ({ title: u.title, ...(u.territory ? { territory: u.territory.name } : {}) })),
      source: {
        thread: challenge.thread ? toPointer([...challenge.thread.path, 'title']) : at('thread'),
        title: at('title'), question: at('question'), prompts: at('prompts'), outputs: at('outputs'), useCases: at('use_cases') },
    };
  });
  return { sheet: sheetSettings(ctx), cards };
}

/** `defis.pdf`: one card per défi, front and back, 4-up on A4 with crop marks and duplex backs (README: the documents). */
export const cardsDocument = imposedDocument({ name: 'cards', data: cardsData });
