/**
 * capa's defaults, in one place: limits that keep hostile kits harmless,
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

/** Document names of the README’s table of documents, in build order, with the file each one writes. */
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
  // The accent is printed as small text (labels): it reaches 4.5:1 on white and on the pale panels.
  theme: { primary: '#1D4E89', accent: '#A95E00' },
  bleedMm: 3,
} as const;

/**
 * Fonts for the scripts the text family (Atkinson Hyperlegible Next, then DejaVu Sans) does not draw, tried in this
 * order for a character neither has. Each comes from an npm package (TTF: pdfkit subsets it on embedding) and is
 * opened only when a text needs it, so a kit in Latin script never reads these files. `ranges` (inclusive code point
 * ranges) say where a family may help: a character outside them never opens the family's file. Italic text uses the
 * upright faces (these scripts have no italic); emoji have one weight.
 */
export const FALLBACK_FONTS = [
  {
    family: 'thai',
    package: '@expo-google-fonts/noto-sans-thai',
    regular: '400Regular/NotoSansThai_400Regular.ttf',
    bold: '700Bold/NotoSansThai_700Bold.ttf',
    ranges: [[0x0e00, 0x0e7f]],
  },
  {
    family: 'devanagari',
    package: '@expo-google-fonts/noto-sans-devanagari',
    regular: '400Regular/NotoSansDevanagari_400Regular.ttf',
    bold: '700Bold/NotoSansDevanagari_700Bold.ttf',
    ranges: [[0x0900, 0x097f], [0x1cd0, 0x1cff], [0xa8e0, 0xa8ff]],
  },
  {
    // Chinese (all of GB 2312, 98 % of Big5), Japanese kana and kanji (all of JIS X 0208), CJK punctuation.
    family: 'cjk',
    package: '@expo-google-fonts/noto-sans-sc',
    regular: '400Regular/NotoSansSC_400Regular.ttf',
    bold: '700Bold/NotoSansSC_700Bold.ttf',
    ranges: [[0x2e80, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff00, 0xffef], [0x20000, 0x3ffff]],
  },
  {
    // Korean Hangul (Noto Sans SC has none), and the hanja the Chinese font lacks.
    family: 'hangul',
    package: '@expo-google-fonts/noto-sans-kr',
    regular: '400Regular/NotoSansKR_400Regular.ttf',
    bold: '700Bold/NotoSansKR_700Bold.ttf',
    ranges: [[0x1100, 0x11ff], [0x2e80, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa960, 0xa97f], [0xac00, 0xd7ff], [0xf900, 0xfaff], [0xff00, 0xffef], [0x20000, 0x3ffff]],
  },
  {
    // Monochrome outlines: colour emoji fonts (CBDT bitmaps) cannot be embedded by pdfkit, and print in black anyway.
    family: 'emoji',
    package: '@expo-google-fonts/noto-emoji',
    regular: '400Regular/NotoEmoji_400Regular.ttf',
    bold: '400Regular/NotoEmoji_400Regular.ttf',
    ranges: [[0x00a9, 0x00ae], [0x2000, 0x2bff], [0x3030, 0x303d], [0x3297, 0x3299], [0xfe00, 0xfe0f], [0x1f000, 0x1faff], [0xe0020, 0xe007f]],
  },
] as const;
