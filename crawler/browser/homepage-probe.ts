// The homepage's elderly-friendly probes, measured in the browser (工信部 互联网网站适老化通用设计规范, the
// automatable part): an accessible/elderly mode entry, floating layers (飘窗, pop-ups) over the content, and
// visible text smaller than the minimum size. Results are trimmed and validated: the page is untrusted.
import type { Page } from 'puppeteer-core';
import { z } from 'zod';
import type { HomepageProbe } from '../../contract/artifacts/accessibility.ts';

/** Words that name an accessible or elderly mode entry (link text, title, alt, aria-label). */
export const modeEntryPattern = /无障碍|长者(?:模式|版)|适老化|关怀(?:版|模式)|老年(?:模式|版)|大字(?:版|模式)/;

/** Samples kept of each probe. */
export const probeCaps = { entries: 5, layers: 10, smallText: 10 };

/**
 * A floating layer is a visible element positioned `fixed`, or `absolute` against the page itself (no positioned
 * ancestor), at least this big, not spanning the viewport's width (sticky headers), holding an image, frame, link
 * or button, and not being the accessibility toolbar.
 */
export const floatingLayerRule = { minWidth: 60, minHeight: 60, minArea: 10_000, maxWidthShare: 0.9 };

const inPage = `function (opts) {
  var modeRe = new RegExp(opts.modePattern);
  var idRe = /^[A-Za-z][A-Za-z0-9_-]*$/;
  function cssPath(el) {
    var parts = [];
    while (el && el.nodeType === 1 && el !== document.documentElement && parts.length < 6) {
      if (el.id && idRe.test(el.id)) { parts.unshift('#' + el.id); break; }
      var tag = el.tagName.toLowerCase();
      var parent = el.parentElement;
      if (parent) {
        var same = Array.prototype.filter.call(parent.children, function (c) { return c.tagName === el.tagName; });
        if (same.length > 1) tag += ':nth-of-type(' + (same.indexOf(el) + 1) + ')';
      }
      parts.unshift(tag);
      el = parent;
    }
    return parts.join(' > ');
  }
  function shown(el) {
    for (var e = el; e && e.nodeType === 1; e = e.parentElement) {
      var s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
    }
    var r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1 && r.right + scrollX > 0 && r.bottom + scrollY > 0;
  }
  function squash(t) { return String(t || '').replace(/\\s+/g, ' ').trim(); }

  var entries = [];
  var seen = [];
  var candidates = document.querySelectorAll('a, button, [role=button], [role=link], input[type=button], input[type=image], img, [title], [aria-label]');
  for (var i = 0; i < candidates.length && entries.length < opts.maxEntries; i++) {
    var el = candidates[i];
    var label = squash([el.innerText, el.getAttribute('title'), el.getAttribute('aria-label'), el.getAttribute('alt'), el.getAttribute('value')].join(' '));
    if (!modeRe.test(label)) continue;
    var holder = el.closest('a, button') || el;
    if (seen.indexOf(holder) >= 0) continue;
    seen.push(holder);
    entries.push({ text: label.slice(0, 60), href: holder.href ? String(holder.href) : null, selector: cssPath(holder) });
  }

  var layers = [];
  var vw = innerWidth, vh = innerHeight;
  var all = document.body ? document.body.querySelectorAll('*') : [];
  var found = [];
  for (var j = 0; j < all.length; j++) {
    var node = all[j];
    var st = getComputedStyle(node);
    var pagePositioned = st.position === 'absolute' && (node.offsetParent === null || node.offsetParent === document.body);
    if (st.position !== 'fixed' && !pagePositioned) continue;
    if (found.some(function (f) { return f.contains(node); })) continue;
    var r = node.getBoundingClientRect();
    if (r.width < opts.rule.minWidth || r.height < opts.rule.minHeight || r.width * r.height < opts.rule.minArea) continue;
    if (r.width >= vw * opts.rule.maxWidthShare) continue;
    if (r.right <= 0 || r.bottom <= 0 || r.left >= vw || r.top >= vh) continue;
    if (!shown(node)) continue;
    if (!/^(IMG|IFRAME|VIDEO|OBJECT|EMBED)$/.test(node.tagName) && !node.querySelector('img, iframe, video, object, embed, a, button')) continue;
    var text = squash(node.innerText);
    if (modeRe.test(text + ' ' + squash(node.getAttribute('aria-label')))) continue;
    found.push(node);
    if (layers.length < opts.maxLayers) layers.push({
      selector: cssPath(node), position: st.position,
      box: { x: Math.round(r.left), y: Math.round(r.top), width: Math.round(r.width), height: Math.round(r.height) },
      text: text.slice(0, 80), html: node.outerHTML.slice(0, 300)
    });
  }

  var small = [];
  var smallCount = 0;
  var parents = [];
  if (document.body) {
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (var t = walker.nextNode(); t; t = walker.nextNode()) {
      var txt = squash(t.nodeValue);
      if (txt.length < 2) continue;
      var p = t.parentElement;
      if (!p || parents.indexOf(p) >= 0 || /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|TITLE)$/.test(p.tagName)) continue;
      var size = parseFloat(getComputedStyle(p).fontSize);
      if (!(size < opts.minFontPx) || !shown(p)) continue;
      parents.push(p);
      smallCount++;
      if (small.length < opts.maxSmall) small.push({ selector: cssPath(p), fontSizePx: Math.round(size * 100) / 100, text: txt.slice(0, 40) });
    }
  }
  return { modeEntries: entries, floatingLayers: layers, smallText: small, smallTextCount: smallCount, minFontPx: opts.minFontPx };
}`;

const probeSchema = z.object({
  modeEntries: z.array(z.object({ text: z.string().max(200), href: z.string().max(2_000).nullable(), selector: z.string().max(1_000) })).max(probeCaps.entries),
  floatingLayers: z
    .array(
      z.object({
        selector: z.string().max(1_000),
        position: z.string().max(20),
        box: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
        text: z.string().max(200),
        html: z.string().max(1_000),
      }),
    )
    .max(probeCaps.layers),
  smallText: z.array(z.object({ selector: z.string().max(1_000), fontSizePx: z.number(), text: z.string().max(200) })).max(probeCaps.smallText),
  smallTextCount: z.number().int().min(0),
  minFontPx: z.number(),
});

/** Probes the loaded homepage. Throws when the page returns something malformed. */
export async function probeHomepage(page: Page, opts: { minFontPx: number }): Promise<HomepageProbe> {
  const args = {
    modePattern: modeEntryPattern.source,
    rule: floatingLayerRule,
    minFontPx: opts.minFontPx,
    maxEntries: probeCaps.entries,
    maxLayers: probeCaps.layers,
    maxSmall: probeCaps.smallText,
  };
  const raw: unknown = await page.evaluate(`(${inPage})(${JSON.stringify(args)})`);
  const parsed = probeSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`homepage probe returned malformed results: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
