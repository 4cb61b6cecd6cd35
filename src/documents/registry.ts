import { agendaData } from './agenda.js';
import type { DocumentSpec } from './DocumentSpec.js';
import { pdfDocument } from './pdfDocument.js';
import { calendarDocument } from './calendar.js';
import { cardsDocument } from './cards.js';
import { badgesDocument } from './badges.js';

/** Every document capa can build, in build order (DESIGN §3). */
export const DOCUMENT_SPECS: DocumentSpec[] = [
  pdfDocument({ name: 'agenda', data: agendaData }),
  cardsDocument,
  badgesDocument,
  calendarDocument,
];
