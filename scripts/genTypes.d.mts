/** Types for scripts/genTypes.mjs, so tests can import it. */
export declare const kitFileTypesPath: string;
export declare function schemaForTypes(schema: object): object;
export declare function generateKitTypes(): Promise<string>;
