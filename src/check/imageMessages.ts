import { defineMessages, quote, type Lang } from '../report/messages.js';
import type { ImageProblem } from './validateImage.js';

/** What is wrong inside an image, as a clause of the asset message. */
const detail = defineMessages({
  fr: {
    truncated: 'le fichier s’arrête avant sa fin (tronqué)',
    badChunk: (p) => `bloc illisible à l’octet ${p.offset}`,
    chunkCrc: (p) => `le bloc ${p.chunk} a une somme de contrôle (CRC) fausse`,
    firstNotIhdr: 'le premier bloc doit être l’en-tête IHDR',
    colorType: (p) => `type de couleur ${p.value} inexistant (0, 2, 3, 4 ou 6 attendu)`,
    bitDepth: (p) => `profondeur de ${p.value} bits impossible avec le type de couleur ${p.type} (${p.allowed} attendu)`,
    headerField: (p) => `en-tête IHDR invalide : ${p.field} vaut ${p.value} (${p.allowed} attendu)`,
    noPalette: 'image à palette (type de couleur 3) sans bloc de palette PLTE',
    badPalette: (p) => `palette PLTE invalide (${p.bytes} octets : un multiple de 3 attendu, au plus ${p.max} couleurs)`,
    noData: 'aucune donnée d’image (bloc IDAT)',
    noEnd: 'pas de bloc de fin IEND : le fichier est tronqué',
    inflate: (p) => `les données d’image ne se décompressent pas (${p.reason})`,
    dataSize: (p) => `les données d’image décompressées font ${p.got} octets au lieu des ${p.expected} attendus pour ${p.width} × ${p.height} pixels`,
    dataTooLong: (p) => `les données d’image décompressées dépassent les ${p.expected} octets attendus pour ${p.width} × ${p.height} pixels`,
    rowFilter: (p) => `filtre de ligne ${p.value} inconnu (0 à 4 attendu)`,
    badMarker: (p) => `marqueur invalide à l’octet ${p.offset}`,
    noFrame: 'pas d’en-tête d’image (SOF) avant les données',
    badFrame: 'en-tête d’image (SOF) invalide',
    noScan: 'pas de données d’image (aucun marqueur SOS)',
    noEoi: 'pas de marqueur de fin (EOI) après les données : le fichier est tronqué',
    jpegPrecision: (p) => `JPEG en ${p.bits} bits par composante`,
    jpegProcess: (p) => `JPEG de type SOF${p.kind} (codage arithmétique, sans perte ou hiérarchique), que les lecteurs PDF n’affichent pas`,
    jpegComponents: (p) => `JPEG à ${p.n} composantes de couleur`,
  },
  en: {
    truncated: 'the file stops before its end (truncated)',
    badChunk: (p) => `unreadable chunk at byte ${p.offset}`,
    chunkCrc: (p) => `chunk ${p.chunk} has a wrong checksum (CRC)`,
    firstNotIhdr: 'the first chunk must be the IHDR header',
    colorType: (p) => `colour type ${p.value} does not exist (0, 2, 3, 4 or 6 expected)`,
    bitDepth: (p) => `a depth of ${p.value} bits is impossible with colour type ${p.type} (${p.allowed} expected)`,
    headerField: (p) => `invalid IHDR header: ${p.field} is ${p.value} (${p.allowed} expected)`,
    noPalette: 'a palette image (colour type 3) without a PLTE palette chunk',
    badPalette: (p) => `invalid PLTE palette (${p.bytes} bytes: a multiple of 3 expected, at most ${p.max} colours)`,
    noData: 'no image data (IDAT chunk)',
    noEnd: 'no IEND end chunk: the file is truncated',
    inflate: (p) => `the image data does not decompress (${p.reason})`,
    dataSize: (p) => `the image data decompresses to ${p.got} bytes instead of the ${p.expected} expected for ${p.width} × ${p.height} pixels`,
    dataTooLong: (p) => `the image data decompresses to more than the ${p.expected} bytes expected for ${p.width} × ${p.height} pixels`,
    rowFilter: (p) => `unknown row filter ${p.value} (0 to 4 expected)`,
    badMarker: (p) => `invalid marker at byte ${p.offset}`,
    noFrame: 'no image header (SOF) before the data',
    badFrame: 'invalid image header (SOF)',
    noScan: 'no image data (no SOS marker)',
    noEoi: 'no end marker (EOI) after the data: the file is truncated',
    jpegPrecision: (p) => `a JPEG with ${p.bits} bits per component`,
    jpegProcess: (p) => `a SOF${p.kind} JPEG (arithmetic, lossless or hierarchical coding), which PDF readers do not show`,
    jpegComponents: (p) => `a JPEG with ${p.n} colour components`,
  },
});

export type ImageDetail = Parameters<typeof detail>[1];

const msg = defineMessages({
  fr: {
    badFormat: (p) => `${p.file} n’est ni une image PNG ni une image JPEG (d’après son contenu) : exportez-la dans l’un de ces formats`,
    noPixels: (p) => `${p.file} mesure ${p.width} × ${p.height} pixels : une image sans pixel ne s’imprime pas ; exportez-la de nouveau`,
    tooManyPixels: (p) => `${p.file} mesure ${p.width} × ${p.height} pixels (${p.mp} mégapixels) : capa accepte au plus ${p.max} mégapixels par image ; réduisez-la (300 pixels par pouce à la taille imprimée suffisent : un logo de 40 mm de large n’a besoin que d’environ 470 pixels, une page A4 entière de 8,7 mégapixels)`,
    corrupt: (p) => `${p.file} est une image ${p.format} abîmée : ${p.detail} ; exportez-la de nouveau depuis le logiciel d’origine`,
    unsupported: (p) => `${p.file} est ${p.detail} : capa accepte les JPEG de base ou progressifs en 8 bits (gris, RVB ou CMJN) ; exportez-la de nouveau dans ce format ou en PNG`,
  },
  en: {
    badFormat: (p) => `${p.file} is neither a PNG nor a JPEG image (judging by its content): export it to one of these formats`,
    noPixels: (p) => `${p.file} measures ${p.width} × ${p.height} pixels: an image without pixels cannot be printed; export it again`,
    tooManyPixels: (p) => `${p.file} measures ${p.width} × ${p.height} pixels (${p.mp} megapixels): capa accepts at most ${p.max} megapixels per image; make it smaller (300 pixels per inch at the printed size are enough: a 40 mm wide logo needs only about 470 pixels, a whole A4 page 8.7 megapixels)`,
    corrupt: (p) => `${p.file} is a damaged ${p.format} image: ${p.detail}; export it again from the program that made it`,
    unsupported: (p) => `${p.file} is ${p.detail}: capa accepts 8-bit baseline or progressive JPEGs (grey, RGB or CMYK); export it again in that format or as PNG`,
  },
});

/** The asset message for `problem` found in the image `file` (as the kit names it). */
export function imageProblemMessage(lang: Lang, file: string, problem: ImageProblem): string {
  const shown = quote(lang, file);
  const d = problem.detail ? detail(lang, problem.detail, problem.params) : '';
  const mp = (n: number) => (Math.round(n / 100_000) / 10).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB');
  const p = problem.params ?? {};
  switch (problem.code) {
    case 'asset/bad-format':
      return msg(lang, 'badFormat', { file: shown });
    case 'asset/no-pixels':
      return msg(lang, 'noPixels', { file: shown, width: p.width ?? 0, height: p.height ?? 0 });
    case 'asset/too-many-pixels':
      return msg(lang, 'tooManyPixels', { file: shown, width: p.width ?? 0, height: p.height ?? 0, mp: mp(Number(p.width) * Number(p.height)), max: mp(Number(p.max)) });
    case 'asset/unsupported':
      return msg(lang, 'unsupported', { file: shown, detail: d });
    default:
      return msg(lang, 'corrupt', { file: shown, format: problem.format === 'jpeg' ? 'JPEG' : 'PNG', detail: d });
  }
}
