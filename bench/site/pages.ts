// HTML of the generated benchmark site: homepage, column list pages, articles, static pages, the not-found page and
// the external hosts' pages. TRS-shaped markup (government meta tags, inline style, a nav bar, dated lists, footer
// with the identity marks), 30–60 links a page, a few accessibility faults for the browser part.
import {
  attachmentPath,
  imagePath,
  itemsPerList,
  relatedOf,
  SITE_CODE,
  SITE_NAME,
  staticPages,
  unit,
  type Article,
  type Column,
  type SiteModel,
} from './model.ts';

const PHRASES = [
  '为深入贯彻落实党中央、国务院决策部署', '进一步优化营商环境', '切实保障人民群众合法权益', '区委区政府高度重视',
  '召开专题会议研究部署', '推动各项工作落地见效', '加强统筹协调', '压实工作责任', '坚持以人民为中心的发展思想',
  '持续深化放管服改革', '全面推进政务公开标准化规范化', '加快数字政府建设', '做好民生保障工作', '强化安全生产监管',
  '扎实推进乡村振兴', '提升公共服务水平', '严格落实疫情防控措施', '抓好项目建设', '推动经济高质量发展',
  '各街道、各部门要高度重视', '结合实际认真组织实施', '确保取得实效', '现将有关事项通知如下', '特此公告',
  '欢迎社会各界监督', '联系电话：0595-22000000', '本通知自印发之日起施行', '请各单位按时报送', '详见附件',
  // key terms written right, and one misused word, so the wording check has real work on the bench site
  '坚持以习近平新时代中国特色社会主义思想为指导', '完整准确全面贯彻新发展理念', '增强“四个意识”、坚定“四个自信”、做到“两个维护”',
  '认真布署年度重点工作',
];
const TITLES = ['关于开展', '关于印发', '关于做好', '关于公布', '关于进一步加强', '鲤城区召开', '区领导调研', '关于征求意见的公告'];
const SUBJECTS = ['营商环境', '安全生产', '政务公开', '乡村振兴', '城市更新', '民生实事', '防汛备汛', '文明城市创建', '人才引进', '财政预算'];

const STYLE = `<style type="text/css">body{margin:0;font:14px/1.8 "Microsoft YaHei",SimSun,sans-serif;color:#333;background:#f4f4f4}
.top{height:120px;background:#b5121b url(/images/banner.jpg) no-repeat center}.nav{background:#9e0f17}.nav a{display:inline-block;padding:0 18px;line-height:44px;color:#fff}
.main{width:1200px;margin:0 auto;background:#fff}.list li{border-bottom:1px dashed #ddd;line-height:36px}.list li span{float:right;color:#999}
.footer{background:#333;color:#ccc;padding:20px 0;text-align:center}.footer a{color:#ccc;margin:0 8px}.position{padding:10px;color:#666}
.TRS_Editor p{text-indent:2em;margin:0 0 12px}.page a{margin:0 4px;padding:2px 8px;border:1px solid #ddd}.tip{color:#bbb}</style>`;
/** TRS templates carry a lot of inline script (statistics, font size, share buttons): about 9 KB of it here. */
const SCRIPT = `<script type="text/javascript">var _siteId="${SITE_CODE}";function setFont(s){document.body.style.fontSize=s+"px";}
${Array.from({ length: 60 }, (_, i) => `function trs_fn${i}(a,b){var c=document.getElementById("trs_"+a);if(c){c.className=b?"on":"off";}return ${i};}`).join('\n')}</script>`;

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The title of an article (seeded). */
export function articleTitle(m: SiteModel, a: Article): string {
  const t = TITLES[Math.floor(unit(m.seed, `t:${a.id}`) * TITLES.length)];
  const s = SUBJECTS[Math.floor(unit(m.seed, `s:${a.id}`) * SUBJECTS.length)];
  return `${t}${s}工作的通知（${a.id}）`;
}

function paragraphs(m: SiteModel, key: string, count: number): string {
  let out = '';
  for (let p = 0; p < count; p++) {
    let text = '';
    for (let s = 0; s < 6; s++) text += `${PHRASES[Math.floor(unit(m.seed, `${key}:${p}:${s}`) * PHRASES.length)]}，`;
    out += `<p>${text.slice(0, -1)}。</p>`;
  }
  return out;
}

function dateOf(day: string): string {
  return `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`;
}

function head(m: SiteModel, title: string, charset: string, meta: Record<string, string>): string {
  const metas = Object.entries({ SiteName: SITE_NAME, SiteDomain: m.hosts.main.replace(/^https?:\/\//, ''), SiteIDCode: SITE_CODE, ...meta })
    .map(([k, v]) => `<meta name="${k}" content="${escapeHtml(v)}">`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta http-equiv="Content-Type" content="text/html; charset=${charset}">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>${escapeHtml(title)}</title>
${metas}
<link rel="stylesheet" type="text/css" href="/images/common.css">
<link rel="shortcut icon" href="/images/favicon.ico">
<script type="text/javascript" src="/images/jquery.min.js"></script>
${STYLE}
${SCRIPT}
</head>`;
}

function top(m: SiteModel): string {
  const nav = m.columns.map((c) => `<a href="/${c.path}/">${c.name}</a>`).join('');
  return `<body>
<div class="topbar"><div class="main"><span>欢迎访问${SITE_NAME}门户网站</span>
<a href="javascript:void(0)" onclick="setFont(18)">无障碍</a><a href="javascript:void(0)" onclick="setFont(20)">长者模式</a>
<a href="/static/wzdt.html">网站地图</a><a href="#">设为首页</a></div></div>
<div class="top"><div class="main"><a href="/"><img src="/images/logo.png" alt="${SITE_NAME}" width="400" height="80"></a>
<form action="/search/search.jsp" method="get" class="search"><input type="text" name="q" placeholder="请输入关键词"><button type="submit">搜索</button></form></div></div>
<div class="nav"><div class="main"><a href="/">首页</a>${nav}</div></div>`;
}

function footer(m: SiteModel): string {
  const [national, province, city] = m.hosts.external;
  return `<div class="footer"><div class="links">
<a href="${national}/">中国政府网</a><a href="${province}/">福建省人民政府</a><a href="${city}/">泉州市人民政府</a>
<a href="/static/lxwm.html">联系我们</a><a href="/static/wzsm.html">网站声明</a><a href="/static/yszc.html">隐私政策</a></div>
<p>主办单位：${SITE_NAME}办公室　网站标识码：${SITE_CODE}　<a href="${province}/beian/">闽ICP备05000000号</a></p>
<p><a href="${national}/jiucuo/?site_code=${SITE_CODE}"><img src="/images/jiucuo.png" alt="政府网站找错"></a>
<a href="${province}/ga/"><img src="/images/gongan.png" alt="公安备案">闽公网安备 35050202000000号</a>
<img src="/images/dzjg.png" alt="党政机关"></p></div>
</body></html>`;
}

export function homePage(m: SiteModel): string {
  let blocks = '';
  for (const c of m.columns.slice(0, 8)) {
    let items = '';
    for (let r = 0; r < Math.min(3, c.count); r++) {
      const a = m.article(c.first + r);
      items += `<li><a href="${m.articlePath(a)}" target="_blank">${escapeHtml(articleTitle(m, a))}</a><span>${dateOf(a.day)}</span></li>`;
    }
    blocks += `<div class="block"><h3>${c.name}<a class="more" href="/${c.path}">更多&gt;&gt;</a></h3><ul class="list">${items}</ul></div>`;
  }
  return `${head(m, SITE_NAME, 'utf-8', { ColumnName: '首页', ColumnType: '首页' })}
${top(m)}<div class="main"><div class="focus"><img src="/images/focus1.jpg" alt="聚焦鲤城"><img src="/images/focus2.jpg"></div>${blocks}
<div class="refused"><a href="${m.hosts.refused}/">原区政务服务网（旧址）</a></div></div>
${footer(m)}`;
}

/** List page `p` of column `c`: 20 dated items and pagination that keeps every page a few hops away. */
export function listPage(m: SiteModel, c: Column, p: number): string {
  const total = m.listPages(c);
  let items = '';
  for (let i = p * itemsPerList; i < Math.min(c.count, (p + 1) * itemsPerList); i++) {
    const a = m.article(c.first + i);
    items += `<li><a href="${m.articlePath(a)}" target="_blank" title="${escapeHtml(articleTitle(m, a))}">${escapeHtml(articleTitle(m, a))}</a><span>${dateOf(a.day)}</span></li>\n`;
  }
  const pageLinks = new Set<number>([0, total - 1, p - 1, p + 1, p - 2, p + 2]);
  const jump = Math.max(3, Math.ceil(total / 8));
  for (let q = 0; q < total; q += jump) pageLinks.add(q);
  const pager = [...pageLinks]
    .filter((q) => q >= 0 && q < total && q !== p)
    .sort((a, b) => a - b)
    .map((q) => `<a href="${q === 0 ? './' : `index_${q}.html`}">${q + 1}</a>`)
    .join('');
  const charset = c.gbk ? 'gbk' : 'utf-8';
  return `${head(m, `${c.name}_${SITE_NAME}`, charset, { ColumnName: c.name, ColumnType: c.name })}
${top(m)}<div class="main"><div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/${c.path}/">${c.name}</a></div>
<ul class="list">${items}</ul><div class="page">共${total}页 ${pager}</div></div>
${footer(m)}`;
}

/** An article: meta tags, text, images (one without alt now and then), attachments, related links. */
export function articlePage(m: SiteModel, a: Article): string {
  const t = m.traits(a);
  const title = articleTitle(m, a);
  let media = '';
  for (let i = 1; i <= t.images; i++) media += `<p style="text-align:center"><img src="${imagePath(a, i)}"${i === 2 ? '' : ` alt="${escapeHtml(title)}图${i}"`} width="600"></p>`;
  if (t.attachment) media += `<p>附件：<a href="${attachmentPath(a, t.attachment)}">${escapeHtml(title)}.${t.attachment}</a></p>`;
  if (t.externalPolicy) media += `<p>原文链接：<a href="${m.hosts.external[0]}/zhengce/content/${a.id}.htm">国务院文件</a></p>`;
  if (t.serverError) media += `<p><a href="/hdjl/reply.jsp?id=${a.id}">查看答复</a></p>`;
  if (t.soft404) media += `<p><a href="/search/detail.jsp?id=${a.id}">相关信息</a></p>`;
  const related = relatedOf(m, a)
    .map((href, i) => `<li><a href="${href}">相关文章${i + 1}</a></li>`)
    .join('');
  const c = a.column;
  const charset = c.gbk ? 'gbk' : 'utf-8';
  return `${head(m, `${title}_${c.name}_${SITE_NAME}`, charset, {
    ColumnName: c.name,
    ColumnType: c.name,
    ArticleTitle: title,
    PubDate: `${dateOf(a.day)} 09:30`,
    ContentSource: `${SITE_NAME}办公室`,
  })}
${top(m)}<div class="main"><div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/${c.path}/">${c.name}</a> &gt; 正文</div>
<div class="article"><h1>${escapeHtml(title)}</h1><div class="info">发布时间：${dateOf(a.day)}　来源：${SITE_NAME}办公室　<span class="tip">字号：<a href="javascript:setFont(16)">大</a> <a href="javascript:setFont(14)">中</a></span></div>
<div class="TRS_Editor">${paragraphs(m, `p:${a.id}`, 4 + (a.id % 5))}${media}</div>
<div class="related"><h4>相关文章</h4><ul>${related}</ul></div></div></div>
${footer(m)}`;
}

export function staticPage(m: SiteModel, name: string): string {
  const titles: Record<string, string> = { lxwm: '联系我们', wzsm: '网站声明', wzdt: '网站地图', yszc: '隐私政策' };
  const body = name === 'wzdt' ? `<ul>${m.columns.map((c) => `<li><a href="/${c.path}/">${c.name}</a></li>`).join('')}</ul>` : paragraphs(m, `s:${name}`, 3);
  return `${head(m, `${titles[name] ?? name}_${SITE_NAME}`, 'utf-8', { ColumnName: titles[name] ?? name })}
${top(m)}<div class="main"><div class="position">当前位置：<a href="/">首页</a> &gt; ${titles[name] ?? name}</div>${body}</div>
${footer(m)}`;
}

export const staticNames = staticPages;

export function notFoundPage(): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>404</title></head><body><h1>404 Not Found</h1><p>您访问的页面不存在或已被删除。</p><p><a href="/">返回首页</a></p></body></html>`;
}

/** A 200 answer that is really "not found" (a search detail whose record is gone). */
export function softNotFoundPage(): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>提示信息</title></head><body><div class="msg"><p>您访问的页面不存在或已被删除！</p><p><a href="/">返回首页</a></p></div></body></html>`;
}

export function errorPage(): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>500 Internal Server Error</title></head><body><h1>500</h1><p>服务器内部错误</p></body></html>`;
}

/** Pages of the external hosts (not crawled by the tools, only checked). */
export function externalPage(title: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1></body></html>`;
}
