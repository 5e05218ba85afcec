// The dashboard page's files (main thread, read once at start): @scalper/dashboard-ui's page, styles and built
// scripts, and lightweight-charts' standalone module, all from this install (no CDN, nothing fetched at run time).
// Only these named files are served: a request cannot reach anything else on disk.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface DashboardAsset {
  readonly body: Buffer;
  readonly contentType: string;
}

export interface DashboardAssets {
  /** The page, with `{{csrf}}` where the CSRF token goes. */
  readonly pageTemplate: string;
  /** By URL path: /assets/<file> and /vendor/lightweight-charts.mjs. */
  readonly files: ReadonlyMap<string, DashboardAsset>;
  /** The page's Content-Security-Policy: its own files only, plus the hash of its inline import map. */
  readonly contentSecurityPolicy: string;
}

const contentTypes: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export class DashboardAssetsError extends Error {
  override readonly name = 'DashboardAssetsError';
}

/** Reads the page's files; throws one line when the UI was not built (pnpm build builds it). */
export function loadDashboardAssets(): DashboardAssets {
  const require = createRequire(import.meta.url);
  const uiDir = dirname(require.resolve('@scalper/dashboard-ui/package.json'));
  const chartsDir = dirname(createRequire(join(uiDir, 'package.json')).resolve('lightweight-charts/package.json'));
  const files = new Map<string, DashboardAsset>();
  try {
    const built = join(uiDir, 'dist');
    for (const name of readdirSync(built)) {
      if (!name.endsWith('.js') || name.endsWith('.test.js')) continue;
      files.set(`/assets/${name}`, { body: readFileSync(join(built, name)), contentType: contentTypes['.js']! });
    }
    const publicDir = join(uiDir, 'public');
    for (const name of readdirSync(publicDir)) {
      const type = contentTypes[name.slice(name.lastIndexOf('.'))];
      if (type !== undefined) files.set(`/assets/${name}`, { body: readFileSync(join(publicDir, name)), contentType: type });
    }
    files.set('/vendor/lightweight-charts.mjs', {
      body: readFileSync(join(chartsDir, 'dist', 'lightweight-charts.standalone.production.mjs')),
      contentType: contentTypes['.mjs']!,
    });
    if (!files.has('/assets/dashboard.js')) throw new Error('dashboard.js is missing');
    const pageTemplate = readFileSync(join(publicDir, 'index.html'), 'utf8');
    const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(pageTemplate)?.[1];
    if (importMap === undefined) throw new Error('index.html has no import map');
    const importMapHash = createHash('sha256').update(importMap).digest('base64');
    const contentSecurityPolicy = [
      "default-src 'none'",
      `script-src 'self' 'sha256-${importMapHash}'`,
      // lightweight-charts styles its elements inline; scripts stay strict, which is what a CSP here is for.
      "style-src 'self' 'unsafe-inline'",
      "connect-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; ');
    return { pageTemplate, files, contentSecurityPolicy };
  } catch (error) {
    throw new DashboardAssetsError(`the dashboard's page is not built (${(error as Error).message}): run pnpm build`);
  }
}
