import { threadColors } from '../colors/threadColors.js';
import type { Challenge, Kit, UseCase } from '../kit/Kit.js';
import { mixWithWhite } from './agenda.js';
import type { DocumentContext } from './DocumentSpec.js';

/**
 * What the use-case sheets template (`templates/use-cases/main.hbs`) receives as `doc`: one sheet per
 * use case, in written order, with its maturity as a five-step gauge and the défis that cite it.
 */
export interface UseCasesData {
  sheets: UseCaseSheet[];
}

export interface UseCaseSheet {
  useCase: UseCase;
  /** 1-based position, for « 2 / 5 » in the sheet's corner. */
  position: number;
  /** Five cells, filled up to the maturity level; empty when the use case gives no maturity. */
  gauge: GaugeCell[];
  /** The défis citing it, each with its thread's colour (the theme's primary without a thread colour). */
  challenges: Array<{ challenge: Challenge; color: string }>;
}

export interface GaugeCell {
  level: number;
  filled: boolean;
  fill: string;
}

/** The gauge's steps: maturity is written 1–5 (schema), drawn as five cells. */
export const MATURITY_STEPS = 5;

/** The five gauge cells of a maturity level, filled with `color` up to the level and a pale tint after it. */
export function maturityGauge(level: number | undefined, color: string): GaugeCell[] {
  if (level === undefined) return [];
  const empty = mixWithWhite(color, 0.88);
  return Array.from({ length: MATURITY_STEPS }, (_, i) => ({ level: i + 1, filled: i < level, fill: i < level ? color : empty }));
}

/** Shape the kit for the use-case sheets template. */
export function useCasesModel(kit: Kit): UseCasesData {
  const threads = threadColors(kit);
  return {
    sheets: kit.useCases.map((useCase, i) => ({
      useCase,
      position: i + 1,
      gauge: maturityGauge(useCase.maturity, kit.theme.primary),
      challenges: useCase.challenges.map((challenge) => ({ challenge, color: (challenge.thread && threads.get(challenge.thread)) ?? kit.theme.primary })),
    })),
  };
}

/** The use-case sheets' `data` hook for `pdfDocument`. */
export function useCasesData(ctx: DocumentContext): UseCasesData {
  return useCasesModel(ctx.kit);
}
