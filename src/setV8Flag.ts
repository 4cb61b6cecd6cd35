import { setFlagsFromString } from 'node:v8';

/**
 * Sets a V8 flag at run time; false when the embedder refuses V8 flags. What capa asks of V8 this way (heap growth,
 * when to optimise) only tunes its pace and memory: refused, V8 goes on as it decides and nothing else changes.
 */
export function setV8Flag(flag: string): boolean {
  try {
    setFlagsFromString(flag);
    return true;
  } catch {
    return false;
  }
}
