import { request } from 'node:http';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, writeFiles } from '../helpers/tempKit.js';
import { PreviewServer, type PreviewState } from '../../src/preview/previewServer.js';
import { captureMain, copyDemoKit, runMain } from '../cli/cliHelpers.js';

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

  it('does not open a browser in CI, says so, and stops when told (exit 130, the port freed)', async () => {
    const controller = new AbortController();
    let url = '';
    const run = await captureMain(['preview', 'kits/demo', '--port', '0', '--open', '--lang', 'en'], {
      env: { CI: 'true' },
      signal: controller.signal,
      cwd: ROOT,
      onOut: (all) => {
        url ||= /Preview: (\S+)\n/.exec(all)?.[1] ?? '';
        if (url && all.includes('up to date in the page')) controller.abort();
      },
    });
    expect(run.code).toBe(130);
    expect(run.stdout).toMatch(/^Preview: http:\/\/127\.0\.0\.1:\d+\/\n$/);
    expect(run.stderr).toContain('--open ignored: no browser to open in continuous integration (CI variable)\n');
    expect(run.stderr).toMatch(/✓ 8 documents up to date in the page \(\d+\.\d s\)\npreview stopped\n$/);
    await expect(fetch(url)).rejects.toThrow();
  });

  it('rebuilds only the document whose templates changed and keeps serving the others', async () => {
    // The folder exists before: its creation would be a change outside it, which rebuilds everything.
    const dir = copyDemoKit({ 'templates/cards/readme.txt': 'notes' });
    const controller = new AbortController();
    let url = '';
    let step = 0;
    const states: PreviewState[] = [];
    const statuses: number[] = [];
    const run = await captureMain(['preview', dir, '--port', '0', '--lang', 'en'], {
      signal: controller.signal,
      onOut: (all) => {
        url ||= /Preview: (\S+)\n/.exec(all)?.[1] ?? '';
        const ready = all.match(/up to date in the page/g)?.length ?? 0;
        if (ready === 1 && step === 0) {
          step = 1;
          // A file in one document's template folder: that document only is built again.
          writeFiles(dir, { 'templates/cards/notes.txt': 'notes' });
        } else if (ready === 2 && step === 1) {
          step = 2;
          void (async () => {
            states.push((await (await fetch(new URL('/state.json', url))).json()) as PreviewState);
            for (const file of ['programme.pdf', 'defis.pdf', 'programme.ics']) statuses.push((await fetch(new URL(`/files/${file}`, url))).status);
            controller.abort();
          })();
        }
      },
    });
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/templates\/cards\/notes\.txt changed: building again \(cards only\)\n✓ 1 document up to date in the page/);
    expect(states[0]!.build).toBe(2);
    expect(states[0]!.documents.map((d) => d.file)).toEqual(['programme.pdf', 'deroule.pdf', 'defis.pdf', 'carnet.pdf', 'cas-usage.pdf', 'emargement.pdf', 'badges.pdf', 'programme.ics']);
    expect(statuses).toEqual([200, 200, 200]);
  });
});
