/** Types for scripts/genDocs.mjs, so tests can import it. */
export declare const kitFormatPaths: { fr: string; en: string };
export declare function generateKitFormat(lang: 'fr' | 'en', schema?: object): string;
