import { agendaData } from './agenda.js';
import { runSheetData } from './runSheet.js';
import { useCasesData } from './useCases.js';
import { signInData } from './signIn.js';
import { carnetData } from './carnet.js';
import type { DocumentSpec } from './DocumentSpec.js';
import { pdfDocument } from './pdfDocument.js';
import { calendarDocument } from './calendar.js';
import { cardsDocument } from './cards.js';
import { badgesDocument } from './badges.js';

/** Every document capa can build, in build order (README: the documents). */
export const DOCUMENT_SPECS: DocumentSpec[] = [
  pdfDocument({ name: 'agenda', data: agendaData }),
  pdfDocument({ name: 'run-sheet', data: runSheetData }),
  cardsDocument,
  pdfDocument({ name: 'carnet', data: carnetData }),
  pdfDocument({ name: 'use-cases', data: useCasesData }),
  pdfDocument({ name: 'sign-in', data: signInData }),
  badgesDocument,
  calendarDocument,
];
