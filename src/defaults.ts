/**
 * capa's defaults, in one place (CONVENTIONS §5): limits that keep hostile kits harmless,
 * file names, and what a kit gets when it says nothing. Merged in this order: built-in < kit < CLI flags.
 */

export const LIMITS = {
  /** A YAML file larger than this is refused (a kit is text written by people). */
  maxFileBytes: 5 * 1024 * 1024,
  /** Alias nodes one file may expand; yaml's own guard against "billion laughs". */
  maxAliasCount: 100,
  /** Files one kit may include. */
  maxIncludedFiles: 500,
  /** An asset (logo, image) larger than this is refused. */
  maxAssetBytes: 10 * 1024 * 1024,
} as const;

/** The manifest every kit folder holds. */
export const MANIFEST_FILE = 'capa.yaml';

/** The only kit format version this capa reads. */
export const FORMAT_VERSION = 1;

/** Document names of DESIGN §3, in build order, with the file each one writes. */
export const DOCUMENTS = {
  agenda: 'programme.pdf',
  'run-sheet': 'deroule.pdf',
  cards: 'defis.pdf',
  carnet: 'carnet.pdf',
  'use-cases': 'cas-usage.pdf',
  'sign-in': 'emargement.pdf',
  badges: 'badges.pdf',
  calendar: 'programme.ics',
} as const;
export type DocumentName = keyof typeof DOCUMENTS;

/** What a kit gets when it leaves a key out. */
export const KIT_DEFAULTS = {
  lang: 'fr',
  out: 'dist',
  dayStart: '09:00',
  theme: { primary: '#1D4E89', accent: '#F4A259' },
  bleedMm: 0,
} as const;
