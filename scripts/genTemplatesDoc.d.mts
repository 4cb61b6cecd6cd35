/** Types for scripts/genTemplatesDoc.mjs, so tests can import it. */
export declare const templatesDocPath: string;
export declare function generateTemplatesDoc(vocabulary: object, text?: string): string;
export declare function vocabularySection(vocabulary: object): string;
export declare function modelSection(): string;
