import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/tempKit.js';

interface PackageJson {
  license: string;
  engines: { node: string };
  files: string[];
  bin: Record<string, string>;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;

/** The files `npm pack` puts in the tarball, as npm lists them (scripts not run: lib/ is already built). */
function packedFiles(): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: ROOT, encoding: 'utf8' });
  return (JSON.parse(out) as [{ files: { path: string }[] }])[0].files.map((f) => f.path).sort();
}

describe('the package npm pack makes', () => {
  it('holds the built code, schemas, templates, kits with their licence, init files: no test, source, map or build output', () => {
    const files = packedFiles();
    const tops = [...new Set(files.map((f) => f.split('/')[0]))].sort();
    expect(tops).toEqual(['LICENSE', 'README.md', 'bin', 'docs', 'init-files', 'kits', 'lib', 'package.json', 'schemas', 'templates']);
    expect(files).toContain('lib/cli/main.js');
    expect(files).toContain('init-files/en/kit/_github/workflows/capa.yml.hbs');
    for (const kit of ['capacities', 'demo']) {
      expect(files).toContain(`kits/${kit}/capa.yaml`);
      expect(files).toContain(`kits/${kit}/LICENSE`);
    }
    const unwanted = files.filter((f) => /\.(map|ts|tsx)$/.test(f) || /(^|\/)(tests?|fixtures?|src|dist|node_modules)\//.test(f) || /(^|\/)\.[^/]+$/.test(f));
    expect(unwanted).toEqual([]);
  });

  it('says true things: MIT code with CC BY-NC content, Node 20 and later, files that exist, a bin that is shipped', () => {
    expect(pkg.license).toBe('MIT AND CC-BY-NC-4.0');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    for (const kit of ['capacities', 'demo']) expect(readFileSync(join(ROOT, 'kits', kit, 'LICENSE'), 'utf8')).toContain('CC-BY-NC-4.0');
    expect(pkg.engines).toEqual({ node: '>=20' });
    for (const entry of pkg.files.filter((f) => !f.startsWith('!'))) expect(existsSync(join(ROOT, entry)), entry).toBe(true);
    expect(Object.values(pkg.bin)).toEqual(['bin/capa.js']);
  });

  it('runs no script when a user installs it: none of its own, none in its runtime dependencies', () => {
    for (const hook of ['preinstall', 'install', 'postinstall']) expect(pkg.scripts[hook], hook).toBeUndefined();
    // `prepare` builds lib/ in a clone; npm runs it for folder and git installs only, never for a tarball.
    expect(pkg.scripts.prepack).toBe('node scripts/cleanLib.mjs && npm run build && node scripts/packManifest.mjs strip');
    expect(pkg.scripts.postpack).toBe('node scripts/packManifest.mjs restore');
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages)
      .filter(([name, p]) => name !== '' && !p.dev && p.hasInstallScript)
      .map(([name]) => name);
    expect(withScripts).toEqual([]);
  });
});

describe('the package.json npm packs', () => {
  it('has no `prepare` (npm 11 warns about it when a tarball is installed); the repository’s comes back after packing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'capa-pack-'));
    try {
      mkdirSync(join(dir, 'scripts'));
      cpSync(join(ROOT, 'scripts', 'packManifest.mjs'), join(dir, 'scripts', 'packManifest.mjs'));
      const original = readFileSync(join(ROOT, 'package.json'), 'utf8');
      writeFileSync(join(dir, 'package.json'), original);
      execFileSync(process.execPath, ['scripts/packManifest.mjs', 'strip'], { cwd: dir });
      const packed = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
      expect(packed.scripts.prepare).toBeUndefined();
      expect({ ...packed.scripts, prepare: pkg.scripts.prepare }).toEqual(pkg.scripts);
      // a pack that failed halfway: the next strip starts from the saved original
      execFileSync(process.execPath, ['scripts/packManifest.mjs', 'strip'], { cwd: dir });
      execFileSync(process.execPath, ['scripts/packManifest.mjs', 'restore'], { cwd: dir });
      expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(original);
      expect(readdirSync(dir).sort()).toEqual(['package.json', 'scripts']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
