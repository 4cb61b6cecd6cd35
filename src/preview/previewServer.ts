import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PREVIEW_CSS, PREVIEW_SCRIPT, previewPage } from './previewPage.js';
import type { Lang } from '../report/messages.js';

/** One file of the last good build, as the page serves it. */
export interface PreviewFile {
  file: string;
  content: Buffer;
}

/** What the page shows: sent as /state.json, read by the page's script, which puts every string in as text. */
export interface PreviewState {
  /** Counts the builds published, so the page knows a new one arrived. */
  build: number;
  building: boolean;
  /** The latest build succeeded (otherwise the documents are the last good ones). */
  ok: boolean;
  /** One sentence on the latest build, in the message language. */
  status: string;
  documents: Array<{ document: string; file: string; details: string; version: string }>;
  diagnostics: Array<{ severity: string; severityText: string; code: string; message: string; place: string; hint?: string }>;
  /** Fixed texts of the page, in the message language. */
  text: { documents: string; none: string; download: string; problems: string };
}

/** Ports tried from the one asked, when it is taken (as Vite and other dev servers do). */
export const PORT_TRIES = 10;

const TYPES: Record<string, string> = { '.pdf': 'application/pdf', '.ics': 'text/calendar; charset=utf-8', '.json': 'application/json; charset=utf-8' };

// The page loads its own script and style only; the PDF is framed from the same origin. No inline script,
// so even text that slipped into the markup could not run.
const PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; frame-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The preview's HTTP server, on 127.0.0.1 only. It serves the page, its script and style, the state of the
 * latest build, a Server-Sent Events stream that says when a build is published, and the files of the last
 * good build — held in memory: a URL names one of them exactly or gets a 404, so no path can reach the disk.
 */
export class PreviewServer {
  private files = new Map<string, Buffer>();
  private state: PreviewState;
  private readonly streams = new Set<ServerResponse>();
  private readonly server: Server;
  port = 0;

  constructor(private readonly lang: Lang, initial: PreviewState) {
    this.state = initial;
    this.server = createServer((req, res) => this.handle(req, res));
  }

  /**
   * Listen on 127.0.0.1 at `port`, or the next free one among PORT_TRIES (port 0: any free port).
   * Resolves to the ports found taken before the one used; rejects with the listen error otherwise.
   */
  async listen(port: number): Promise<number[]> {
    const taken: number[] = [];
    for (let p = port; ; p++) {
      try {
        await new Promise<void>((resolve, reject) => {
          this.server.once('error', reject);
          this.server.listen(p, '127.0.0.1', () => {
            this.server.off('error', reject);
            resolve();
          });
        });
        this.port = (this.server.address() as AddressInfo).port;
        return taken;
      } catch (err) {
        const busy = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
        if (!busy || port === 0 || p + 1 >= port + PORT_TRIES || p + 1 > 65535) throw Object.assign(err as Error, { taken: [...taken, p] });
        taken.push(p);
      }
    }
  }

  address(): AddressInfo {
    return this.server.address() as AddressInfo;
  }

  /** Show a new state; `files` (when given) replace the served files, else the last good ones stay. */
  publish(state: PreviewState, files?: PreviewFile[]): void {
    if (files) this.files = new Map(files.map((f) => [f.file, f.content]));
    this.state = state;
    for (const res of this.streams) res.write(`event: build\ndata: ${state.build}\n\n`);
  }

  /** The content served for `file`, if it is one of the last good build's. */
  fileOf(file: string): Buffer | undefined {
    return this.files.get(file);
  }

  current(): PreviewState {
    return this.state;
  }

  /** Ends the open event streams too, which would otherwise keep the server (and the process) alive. */
  async close(): Promise<void> {
    for (const res of this.streams) res.end();
    this.streams.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    // A page of another site that made its own name resolve to 127.0.0.1 (DNS rebinding) sends its own Host: refused.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${this.port}` && host !== `localhost:${this.port}`) return this.send(res, 403, 'text/plain; charset=utf-8', 'Forbidden');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return this.send(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed');
    }
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/') {
      res.setHeader('Content-Security-Policy', PAGE_POLICY);
      return this.send(res, 200, 'text/html; charset=utf-8', previewPage(this.lang), req);
    }
    if (path === '/preview.js') return this.send(res, 200, 'text/javascript; charset=utf-8', PREVIEW_SCRIPT, req);
    if (path === '/preview.css') return this.send(res, 200, 'text/css; charset=utf-8', PREVIEW_CSS, req);
    if (path === '/state.json') return this.send(res, 200, TYPES['.json']!, JSON.stringify(this.state), req);
    if (path === '/events') return this.openStream(req, res);
    // Only the exact name of a file of the last good build: no decoding, no folders, nothing read from disk.
    const name = /^\/files\/([a-z0-9][a-z0-9-]*\.(pdf|ics))$/.exec(path)?.[1];
    const content = name === undefined ? undefined : this.files.get(name);
    if (name === undefined || content === undefined) return this.send(res, 404, 'text/plain; charset=utf-8', 'Not Found');
    res.setHeader('Content-Disposition', `${name.endsWith('.pdf') ? 'inline' : 'attachment'}; filename="${name}"`);
    return this.send(res, 200, TYPES[name.slice(name.lastIndexOf('.'))]!, content, req);
  }

  private send(res: ServerResponse, status: number, type: string, body: string | Buffer, req?: IncomingMessage): void {
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
    res.end(req?.method === 'HEAD' ? undefined : body);
  }

  private openStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    // The build shown now: a page that missed a publish while (re)connecting catches up at once.
    res.write(`retry: 1000\nevent: build\ndata: ${this.state.build}\n\n`);
    this.streams.add(res);
    req.on('close', () => this.streams.delete(res));
  }
}
