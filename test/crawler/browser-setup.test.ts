// Browser set-up without a browser: where Chromium is looked for, the command line (host resolver rules from the
// config's resolve map), per-site overrides, and which pages of a site are checked (deterministic sampling).
import { describe, expect, it } from 'vitest';
import type { PageArtifact } from '../../contract/artifacts/crawl.ts';
import { parseConfig } from '../../config/load.ts';
import { configuredChromeWarning, findChrome } from '../../browser/chrome-path.ts';
import { accessibilityFor } from '../../config/crawler/accessibility.ts';
import { hostResolverRules, launchArgs } from '../../browser/launch-args.ts';
import { selectPages } from '../../crawler/browser/select-pages.ts';

describe('findChrome', () => {
  const only = (...paths: string[]) => (p: string) => paths.includes(p);
  it('prefers the configured path, then CHROME_PATH, then Debian and Google paths', () => {
    const all = only('/opt/c', '/env/c', '/usr/bin/chromium', '/usr/bin/google-chrome');
    expect(findChrome({ configured: '/opt/c', env: { CHROME_PATH: '/env/c' }, isExecutable: all })).toBe('/opt/c');
    expect(findChrome({ env: { CHROME_PATH: '/env/c' }, isExecutable: all })).toBe('/env/c');
    expect(findChrome({ env: {}, isExecutable: all })).toBe('/usr/bin/chromium');
    expect(findChrome({ env: {}, isExecutable: only('/usr/bin/chromium-browser') })).toBe('/usr/bin/chromium-browser');
    expect(findChrome({ configured: '/missing', env: { CHROME_PATH: '/missing2' }, isExecutable: only('/usr/bin/google-chrome') })).toBe('/usr/bin/google-chrome');
  });
  it('returns null when nothing is executable', () => {
    expect(findChrome({ env: { CHROME_PATH: '/x' }, isExecutable: () => false })).toBeNull();
  });
  it('warns when the configured browser is not there, naming the one used instead (or none)', () => {
    const chromium = only('/usr/bin/chromium');
    expect(configuredChromeWarning({ configured: '/usr/bin/chromium', env: {}, isExecutable: chromium })).toBeNull();
    expect(configuredChromeWarning({ env: {}, isExecutable: chromium })).toBeNull();
    expect(configuredChromeWarning({ configured: '/opt/chrome/chrome', env: {}, isExecutable: chromium })).toBe(
      'accessibility.chromePath /opt/chrome/chrome is not an executable file; using /usr/bin/chromium instead',
    );
    expect(configuredChromeWarning({ configured: '/opt/chrome/chrome', env: {}, isExecutable: () => false })).toBe(
      'accessibility.chromePath /opt/chrome/chrome is not an executable file; no other browser found, the browser checks are not measured',
    );
  });
});

describe('launch arguments', () => {
  it('maps each resolve host to its first address, IPv6 in brackets, an empty list to ~NOTFOUND', () => {
    expect(hostResolverRules({ 'www.b.gov.cn': ['::1', '127.0.0.1'], 'www.a.gov.cn': ['127.0.0.1', '::1'], 'old.a.gov.cn': [], '10.0.0.1': ['10.0.0.2'] })).toBe(
      'MAP old.a.gov.cn ~NOTFOUND, MAP www.a.gov.cn 127.0.0.1, MAP www.b.gov.cn [::1]',
    );
    expect(hostResolverRules({})).toBeNull();
  });
  it('uses the flags that work headless as root, a fresh profile and the rules as one argument', () => {
    const args = launchArgs({ userDataDir: '/tmp/p1', resolve: { 'www.a.gov.cn': ['127.0.0.1'] } });
    for (const flag of ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']) {
      expect(args).toContain(flag);
    }
    expect(args).toContain('--user-data-dir=/tmp/p1');
    expect(args).toContain('--host-resolver-rules=MAP www.a.gov.cn 127.0.0.1');
    expect(launchArgs({ userDataDir: '/tmp/p2', resolve: {} }).some((a) => a.startsWith('--host-resolver-rules'))).toBe(false);
  });
});

const h = 'http://www.x.gov.cn';
const config = parseConfig(
  {
    district: 'd',
    accessibility: { maxPages: 7, lighthouse: true },
    sites: [
      {
        id: 's',
        name: 'n',
        unit: 'u',
        homepage: `${h}/`,
        columns: [
          { name: '新闻', url: `${h}/xw/`, kind: 'news' },
          { name: '公告', url: `${h}/gg/index.htm`, kind: 'notice' },
        ],
        accessibility: { maxPages: 3, lighthouse: false },
      },
    ],
  },
  '/d.json',
);
const site = config.sites[0];

function crawled(url: string, extra: Partial<PageArtifact> = {}): PageArtifact {
  return {
    url, finalUrl: url, depth: 1, status: 200, redirects: [], contentType: 'text/html', charset: 'utf-8', bytes: 100,
    fetchedAt: '', timeMs: 1, isHtml: true, title: 't', meta: {}, links: [], ...extra,
  };
}

describe('per-site accessibility overrides', () => {
  it('replace the district maxPages and lighthouse for that site only', () => {
    expect(accessibilityFor(config.accessibility, site)).toMatchObject({ maxPages: 3, lighthouse: false, concurrency: 2, tags: ['wcag2a', 'wcag2aa'] });
    expect(accessibilityFor(config.accessibility, { ...site, accessibility: undefined })).toMatchObject({ maxPages: 7, lighthouse: true });
  });
});

describe('selectPages', () => {
  const pages = [
    crawled(`${h}/`, { depth: 0 }),
    crawled(`${h}/xw/`, { links: [{ url: `${h}/xw/2026/a1.htm`, tag: 'a' }, { url: `${h}/other/listed-under-xw.htm`, tag: 'a' }] }),
    crawled(`${h}/gg/index.htm`),
    crawled(`${h}/xw/2026/a1.htm`, { depth: 2 }),
    crawled(`${h}/xw/2026/a2.htm`, { depth: 2 }),
    crawled(`${h}/xw/2026/a3.htm`, { depth: 2 }),
    crawled(`${h}/other/listed-under-xw.htm`, { depth: 2 }),
    crawled(`${h}/gg/2026/b1.htm`, { depth: 2 }),
    crawled(`${h}/about.htm`),
    crawled(`${h}/gone.htm`, { status: 404 }),
    crawled(`${h}/file.pdf`, { isHtml: false, contentType: 'application/pdf' }),
    crawled(`${h}/dead.htm`, { status: null, error: 'timeout' }),
  ];

  it('takes the homepage, every column, then articles round-robin over the columns, "other" last', () => {
    const plan = selectPages(site, pages, 20);
    expect(plan.slice(0, 3)).toEqual([
      { url: `${h}/`, kind: 'homepage' },
      { url: `${h}/xw/`, kind: 'column', column: '新闻' },
      { url: `${h}/gg/index.htm`, kind: 'column', column: '公告' },
    ]);
    const articles = plan.slice(3);
    expect(new Set(articles.map((p) => p.url))).toEqual(
      new Set([`${h}/xw/2026/a1.htm`, `${h}/xw/2026/a2.htm`, `${h}/xw/2026/a3.htm`, `${h}/other/listed-under-xw.htm`, `${h}/gg/2026/b1.htm`, `${h}/about.htm`]),
    );
    expect(articles.find((p) => p.url.endsWith('listed-under-xw.htm'))?.column).toBe('新闻');
    expect(articles.find((p) => p.url.endsWith('b1.htm'))?.column).toBe('公告');
    expect(articles.at(-1)).toEqual({ url: `${h}/about.htm`, kind: 'article' });
    expect(articles.slice(0, 2).map((p) => p.column).sort()).toEqual(['公告', '新闻']);
  });

  it('respects maxPages and samples the same pages whatever the port or input order', () => {
    const a = selectPages(site, pages, 5);
    expect(a).toHaveLength(5);
    expect(selectPages(site, [...pages].reverse(), 5)).toEqual(a);
    const onPort = (u: string) => u.replace('www.x.gov.cn', 'www.x.gov.cn:8080');
    const site8080 = { ...site, homepage: onPort(site.homepage), columns: site.columns.map((c) => ({ ...c, url: onPort(c.url) })) };
    const moved = pages.map((p) => ({ ...p, url: onPort(p.url), links: p.links.map((l) => ({ ...l, url: onPort(l.url) })) }));
    expect(selectPages(site8080, moved, 5).map((p) => p.url)).toEqual(a.map((p) => onPort(p.url)));
  });

  it('plans the homepage and columns alone when there was no crawl', () => {
    expect(selectPages(site, undefined, 20).map((p) => p.kind)).toEqual(['homepage', 'column', 'column']);
    expect(selectPages(site, undefined, 1)).toEqual([{ url: `${h}/`, kind: 'homepage' }]);
  });
});
