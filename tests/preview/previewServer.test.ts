import { request } from 'node:http';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PreviewServer, type PreviewState } from '../../src/preview/previewServer.js';
import { runMain } from '../cli/cliHelpers.js';

const PDF = Buffer.from('%PDF-1.7\n% a test file\n%%EOF\n');

function state(build = 1): PreviewState {
  return {
    build, building: false, ok: true, status: `build ${build}`,
    documents: [{ document: 'agenda', file: 'programme.pdf', details: 'agenda', version: 'v1' }],
    diagnostics: [], text: { documents: 'Documents', problems: 'Problems', download: 'Download', none: 'none' },
  };
}

/** A raw GET: the path is sent exactly as written (fetch would normalise `/../` away before sending). */
function get(port: number, path: string, opts: { host?: string; method?: string } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { host: opts.host ?? `127.0.0.1:${port}` } }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const s of open.splice(0)) await new Promise((r) => (s instanceof PreviewServer ? s.close().then(r) : (s as Server).close(() => r(undefined))));
});

async function started(port = 0): Promise<{ server: PreviewServer; taken: number[] }> {
  const server = new PreviewServer('en', state());
  open.push(server);
  const taken = await server.listen(port);
  server.publish(state(), [{ file: 'programme.pdf', content: PDF }]);
  return { server, taken };
}

describe('the preview server', () => {
  it('listens on the loopback address only', async () => {
    const { server } = await started();
    expect(server.address().address).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
  });

  it('serves the files of the last good build, with their type and no caching', async () => {
    const { server } = await started();
    const res = await get(server.port, '/files/programme.pdf');
    expect(res.status).toBe(200);
    expect(res.body).toBe(PDF.toString('latin1'));
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it.each([
    '/files/../package.json',
    '/files/%2e%2e/package.json',
    '/files/%2E%2E%2Fpackage.json',
    '/files/..%2f..%2fetc%2fpasswd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/../../../../etc/passwd',
    '//etc/passwd',
    '/files//etc/passwd',
    '/files/%2fetc%2fpasswd',
    '/files/programme.pdf/..',
    '/files/programme.pdf%00.pdf',
    '/files/badges.pdf',
    '/package.json',
    '/src/cli/main.ts',
    '/lib/cli/main.js',
  ])('gives 404 for %s: only a file of the last build, by its exact name', async (path) => {
    const { server } = await started();
    const res = await get(server.port, path);
    expect(res.status).toBe(404);
    expect(res.body).toBe('Not Found');
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const { server } = await started();
    expect((await get(server.port, '/', { host: 'attacker.example' })).status).toBe(403);
    expect((await get(server.port, '/state.json', { host: `attacker.example:${server.port}` })).status).toBe(403);
    expect((await get(server.port, '/', { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('gives the page a Content-Security-Policy without inline scripts, and refuses other methods', async () => {
    const { server } = await started();
    const page = await get(server.port, '/');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'self';/);
    expect(page.headers['content-security-policy']).not.toMatch(/unsafe-inline/);
    expect(page.body).not.toMatch(/<script>/);
    expect((await get(server.port, '/', { method: 'POST' })).status).toBe(405);
  });

  it('keeps the last good files when a failed build is published without files', async () => {
    const { server } = await started();
    server.publish({ ...state(2), ok: false, diagnostics: [{ severity: 'error', severityText: 'error', code: 'ref/unknown', message: '<b>x</b>', place: 'a.yaml:1:1' }] });
    expect((await get(server.port, '/files/programme.pdf')).status).toBe(200);
    const served = JSON.parse((await get(server.port, '/state.json')).body) as PreviewState;
    expect(served.build).toBe(2);
    expect(served.diagnostics[0]!.message).toBe('<b>x</b>');
  });

  it('moves to the next port when the one asked is taken, and says which were taken', async () => {
    // A port taken by another program on the same address.
    const blocker = createServer();
    open.push(blocker);
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const busy = (blocker.address() as { port: number }).port;
    const { server, taken } = await started(busy);
    expect(taken).toEqual([busy]);
    expect(server.port).toBeGreaterThan(busy);
    expect(server.address().address).toBe('127.0.0.1');
  });
});

describe('capa preview, its options', () => {
  it.each(['abc', '-1', '65536', '80.5', ''])('refuses --port %j (exit 2)', async (port) => {
    const run = await runMain(['preview', 'kits/demo', '--port', port, '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`capa: --port expects a port number from 0 to 65535 (0: any free port), not ${JSON.stringify(port)}`);
  });

  it('says so when the port asked and the nine after it are all taken (exit 2)', async () => {
    const blockers: Server[] = [];
    const first = createServer();
    blockers.push(first);
    open.push(first);
    await new Promise<void>((r) => first.listen(0, '127.0.0.1', () => r()));
    const from = (first.address() as { port: number }).port;
    for (let p = from + 1; p < from + 10; p++) {
      const s = createServer();
      open.push(s);
      // A port already taken by someone else serves the test as well.
      await new Promise<void>((r) => s.once('error', () => r()).listen(p, '127.0.0.1', () => r()));
    }
    const run = await runMain(['preview', 'kits/demo', '--port', String(from), '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`capa: ports ${from} to ${from + 9} are taken: choose another one with --port, or --port 0 for any free port`);
  });
});
