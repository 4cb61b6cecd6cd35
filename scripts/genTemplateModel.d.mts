/** Types for scripts/genTemplateModel.mjs, so tests can import it. */
export declare const templateModelPath: string;
export declare function templateModel(): object;
export declare function templateModelSource(): string;
