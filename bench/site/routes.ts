// What the generated site answers for a path (pure): status, headers and body, for the portal and its external
// hosts. The server process adds latency and the connection cap around it.
import { encodeGbk } from './gbk.ts';
import { DEAD_ID_OFFSET, attachmentPath, deadArticlePath, imagePath, type Column, type SiteModel } from './model.ts';
import { articlePage, errorPage, externalPage, homePage, listPage, notFoundPage, softNotFoundPage, staticNames, staticPage } from './pages.ts';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const IMAGE = Buffer.alloc(1_500, 0x5a);
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3_000, 0x20)]);
const CSS = Buffer.from('body{margin:0}\n'.repeat(60));
const JS = Buffer.from('/* jQuery stand-in */\n'.repeat(80));

function html(status: number, text: string, gbk = false): Answer {
  return {
    status,
    headers: { 'content-type': `text/html; charset=${gbk ? 'gbk' : 'utf-8'}` },
    body: gbk ? encodeGbk(text) : Buffer.from(text),
  };
}

function file(type: string, body: Buffer): Answer {
  return { status: 200, headers: { 'content-type': type }, body };
}

function redirect(location: string): Answer {
  return { status: 301, headers: { location, 'content-type': 'text/html; charset=utf-8' }, body: Buffer.from('<html><body>Moved</body></html>') };
}

const notFound = (): Answer => html(404, notFoundPage());

/** Answers of the portal (`127.0.0.2`). */
export function createPortal(m: SiteModel): (path: string) => Answer {
  const byPath = new Map<string, Column>(m.columns.map((c) => [c.path, c]));
  const ARTICLE = /^\/(.+)\/(\d{6})\/t(\d{8})_(\d+)\.html$/;
  const LIST = /^\/(.+)\/(?:index_(\d+)\.html)?$/;
  const UPLOAD = /^\/uploads\/(\d{6})\/(?:(\d+)_(\d+)\.jpg|P0(\d{8})(\d+)\.(pdf|doc))$/;
  return (raw) => {
    const q = raw.indexOf('?');
    const path = q < 0 ? raw : raw.slice(0, q);
    if (path === '/' || path === '/index.html') return html(200, homePage(m));
    if (path === '/robots.txt') return file('text/plain', Buffer.from('User-agent: *\nDisallow:\n'));
    if (path.startsWith('/images/')) {
      if (path.endsWith('.css')) return file('text/css', CSS);
      if (path.endsWith('.js')) return file('application/javascript', JS);
      return file(path.endsWith('.png') ? 'image/png' : path.endsWith('.ico') ? 'image/x-icon' : 'image/jpeg', IMAGE);
    }
    if (path.startsWith('/static/')) {
      const name = path.slice(8).replace(/\.html$/, '');
      return staticNames.includes(name) ? html(200, staticPage(m, name)) : notFound();
    }
    if (path === '/hdjl/reply.jsp') return html(500, errorPage());
    if (path === '/search/detail.jsp') return html(200, softNotFoundPage());
    if (path === '/search/search.jsp') return html(200, externalPage('搜索结果'));
    if (path.startsWith('/old/')) {
      const id = Number(path.slice(5).replace(/\.html$/, ''));
      const live = m.articleById(id);
      if (live) return redirect(m.articlePath(live));
      const dead = m.articleById(id - DEAD_ID_OFFSET);
      return dead ? redirect(deadArticlePath(m, dead)) : notFound();
    }
    if (path.startsWith('/uploads/')) {
      const u = UPLOAD.exec(path);
      if (!u) return notFound();
      const a = m.articleById(Number(u[2] ?? u[5]));
      if (!a) return notFound();
      const t = m.traits(a);
      if (u[2] !== undefined) {
        const i = Number(u[3]);
        const ok = path === imagePath(a, i) && i >= 1 && i <= t.images && !(t.missingImage && i === 1);
        return ok ? file('image/jpeg', IMAGE) : notFound();
      }
      const kind = u[6] as 'pdf' | 'doc';
      const ok = t.attachment === kind && path === attachmentPath(a, kind) && !t.missingAttachment;
      return ok ? file(kind === 'pdf' ? 'application/pdf' : 'application/msword', PDF) : notFound();
    }
    const art = ARTICLE.exec(path);
    if (art) {
      const a = m.articleById(Number(art[4]));
      return a && m.articlePath(a) === path ? html(200, articlePage(m, a), a.column.gbk) : notFound();
    }
    const list = LIST.exec(path);
    if (list && byPath.has(list[1])) {
      const c = byPath.get(list[1])!;
      const p = list[2] === undefined ? 0 : Number(list[2]);
      return p < m.listPages(c) && (p > 0 || list[2] === undefined) ? html(200, listPage(m, c, p), c.gbk) : notFound();
    }
    if (byPath.has(path.slice(1))) return redirect(`${path}/`);
    return notFound();
  };
}

/** Answers of an external host: every page exists except the national portal's policies marked gone. */
export function createExternal(m: SiteModel, index: number): (path: string) => Answer {
  const names = ['中国政府网', '福建省人民政府', '泉州市人民政府'];
  return (raw) => {
    const path = raw.split('?')[0];
    if (path === '/robots.txt') return file('text/plain', Buffer.from('User-agent: *\nDisallow:\n'));
    const policy = /^\/zhengce\/content\/(\d+)\.htm$/.exec(path);
    if (policy && index === 0) {
      const a = m.articleById(Number(policy[1]));
      return a && m.traits(a).externalPolicy && !m.traits(a).external404 ? html(200, externalPage(`政策 ${a.id}`)) : notFound();
    }
    return html(200, externalPage(names[index] ?? 'external'));
  };
}
