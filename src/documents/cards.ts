import type { Challenge, Kit } from '../kit/Kit.js';
import { toPointer } from '../kit/LoadedKit.js';
import { readableOn, textOn } from '../colors/contrast.js';
import { threadColors } from '../colors/threadColors.js';
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
  /** The thread's colour (threadColors; the theme's primary colour for a défi without a thread) and a readable text colour on it. */
  color: string;
  onColor: string;
  /** The thread colour for text on white (number, headings): darkened when too light to read (4.5:1). */
  ink: string;
  useCases: Array<{ title: string; territory?: string }>;
  /** JSON pointers of the printed fields in the kit data (`/challenges/3/question`). */
  source: { thread: string; title: string; question: string; prompts: string; outputs: string; useCases: string };
}

/** The thread colour as text on white (number, headings): its hue, darkened if need be to 4.5:1 (WCAG). */
export function inkOf(color: string): string {
  return readableOn(color, '#FFFFFF');
}

/** Défis in print order: threads in the kit's order, défis without a thread last, then by number. */
export function cardOrder(kit: Kit): Challenge[] {
  const rank = new Map(kit.threads.map((t, i) => [t, i]));
  const threadRank = (c: Challenge) => (c.thread ? (rank.get(c.thread) ?? kit.threads.length) : kit.threads.length + 1);
  return [...kit.challenges].sort((a, b) => threadRank(a) - threadRank(b) || a.number - b.number);
}

export function cardsData(ctx: DocumentContext): CardsData {
  const { kit } = ctx;
  const threads = threadColors(kit);
  const cards = cardOrder(kit).map((challenge): CardData => {
    const color = (challenge.thread && threads.get(challenge.thread)) ?? kit.theme.primary;
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
