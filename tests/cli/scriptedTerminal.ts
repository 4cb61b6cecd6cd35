import { PassThrough, Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';

/** Keys as a terminal sends them. */
export const KEY = { enter: '\r', up: '\u001b[A', down: '\u001b[B', ctrlC: '\u0003', backspace: '\u007f' } as const;

/** One exchange: when `question` shows on screen, type `keys`. */
export interface Step {
  question: string | RegExp;
  keys: string;
}

/**
 * A fake terminal for inquirer: real prompts read `input` and draw on `output`. Each step waits for
 * its question to appear (after the previous answer) before typing, as a person would.
 */
export class ScriptedTerminal {
  readonly input = new PassThrough();
  /** Each prompt pipes into this and ends its pipe when done: a terminal stays open, so `end` is ignored. */
  readonly output: NodeJS.WritableStream = Object.assign(
    new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        this.screen += stripVTControlCharacters(chunk.toString('utf8'));
        this.advance();
        done();
      },
    }),
    { end() { return this; } },
  );
  /** Everything drawn, without colours or cursor moves. */
  screen = '';
  private from = 0;
  private readonly steps: Step[];

  constructor(steps: Step[]) {
    this.steps = [...steps];
  }

  /** Steps not reached: a question never asked. */
  get pending(): Step[] {
    return this.steps;
  }

  private advance(): void {
    const step = this.steps[0];
    if (!step) return;
    const rest = this.screen.slice(this.from);
    const at = typeof step.question === 'string' ? rest.indexOf(step.question) : rest.search(step.question);
    if (at < 0) return;
    this.steps.shift();
    this.from = this.screen.length;
    // After the prompt has finished drawing, as typing would.
    setImmediate(() => this.input.write(step.keys));
  }
}
