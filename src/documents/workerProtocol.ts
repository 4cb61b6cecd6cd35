import { createHash } from 'node:crypto';
import type { DocumentName } from '../defaults.js';
import { CapaError, UsageError } from '../report/CapaError.js';
import type { Diagnostic } from '../report/Diagnostic.js';
import type { Lang } from '../report/messages.js';
import type { Stage } from '../stageClock.js';
import type { PrintOptions } from './DocumentSpec.js';

/** What a document worker is started with: enough to load the same kit and make its documents as the build would. */
export interface WorkerSetup {
  dir: string;
  lang: Lang;
  print: PrintOptions;
  pdfa?: boolean;
  /** `dataFingerprint` of the kit data the build checked: a worker that reads something else makes nothing. */
  fingerprint: string;
}

/** The build asks a worker for one document (`index` in the build's list). */
export interface MakeRequest {
  index: number;
  name: DocumentName;
}

export interface SentError {
  name: string;
  message: string;
  stack?: string;
  /** A CapaError's code and exit code. */
  code?: string;
  exitCode?: number;
}

export type WorkerReply =
  | { type: 'ready' }
  /** The kit on disk is no longer the one checked (edited during the build): the build makes the rest itself. */
  | { type: 'stale' }
  | { type: 'made'; index: number; content?: ArrayBuffer; pages?: number; diagnostics: Diagnostic[]; ms: number; stages: Partial<Record<Stage, number>> }
  | { type: 'failed'; index: number; error: SentError };

/**
 * Identifies kit data as read from disk (the merged YAML values), to tell that a worker read the kit the build
 * checked. As JSON: v8's serialisation of equal values differs with how they were made (parsed, or read from the
 * YAML cache: a string's width, an integer stored as a double).
 */
export function dataFingerprint(data: unknown): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex');
}

/** An error thrown while making a document, as it can cross to the build's thread. */
export function sendError(err: unknown): SentError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const capa = err instanceof CapaError ? { code: err.code, exitCode: err.exitCode } : {};
  return { name: err.name, message: err.message, stack: err.stack, ...capa };
}

/** The same error again in the build's thread: a CapaError stays one (same code, message and exit code), so the CLI reports it the same way. */
export function receiveError(sent: SentError): Error {
  let err: Error;
  if (sent.code !== undefined && sent.name === 'UsageError') err = new UsageError(sent.code, sent.message);
  else if (sent.code !== undefined) err = new CapaError(sent.code, sent.message, { exitCode: sent.exitCode });
  else err = new Error(sent.message);
  if (sent.stack) err.stack = sent.stack;
  return err;
}

/**
 * A document's bytes as an ArrayBuffer the worker can hand over without copying: the Buffer's own memory
 * when it spans all of it, else a copy (a small Buffer may sit in Node's shared pool, which must not move).
 */
export function transferable(content: Buffer): ArrayBuffer {
  const whole = content.byteOffset === 0 && content.byteLength === content.buffer.byteLength && content.buffer instanceof ArrayBuffer;
  if (whole) return content.buffer as ArrayBuffer;
  const copy = new ArrayBuffer(content.byteLength);
  new Uint8Array(copy).set(content);
  return copy;
}
