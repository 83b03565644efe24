// Problem screenshots: opens each requested page in the run's browser (a session of the shared pool, no new browser),
// masks personal data in the DOM first (every text node and form value goes through the same detector the privacy
// check uses, so the picture shows 350502********5613, never the number), then for each request on that page outlines
// the element (a red frame drawn over it, the page's layout untouched; hidden links are revealed first) and saves a
// PNG of the region around it, capped in size. It records what it could take and why not; it never judges.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Page } from 'puppeteer-core';
import { maskPersonalData } from '../../util/pii.ts';
import { navigate, type BrowserSession } from './pool.ts';

/** What to picture: a page, and optionally how to find the element to outline. */
export interface ShotRequest {
  /** Key of the picture (the finding identity). */
  id: string;
  /** The page to open. */
  page: string;
  /** CSS selector of the element to outline (first match). */
  selector?: string;
  /** Outline the links with these URLs (hidden ones are made visible first). */
  hrefs?: string[];
  /** Outline the smallest element whose text contains this (after masking). */
  text?: string;
  /** File to write (absolute). */
  file: string;
}

export interface ShotResult {
  id: string;
  /** Written file, when taken. */
  file?: string;
  /** The element was found and outlined (false: the top of the page is shown). */
  outlined?: boolean;
  /** Why no picture was taken. */
  error?: string;
}

export interface ShotOptions {
  /** Viewport width and the largest picture height, CSS pixels. */
  width?: number;
  maxHeight?: number;
  timeoutMs?: number;
}

const OUTLINE_ID = '__govaudit_outline';

/** Masks ID, mobile and bank card numbers in every text node, input value and title/alt attribute of the page. */
export async function maskPageData(page: Page): Promise<number> {
  const texts: string[] = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push((n as Text).data);
    for (const el of Array.from(document.querySelectorAll('input, textarea'))) out.push((el as HTMLInputElement).value ?? '');
    for (const el of Array.from(document.querySelectorAll('[title], [alt]'))) out.push(`${el.getAttribute('title') ?? ''}\u0000${el.getAttribute('alt') ?? ''}`);
    return out;
  });
  const masked = texts.map((t) => maskPersonalData(t));
  const changed = masked.map((m, i) => (m === texts[i] ? null : m));
  const n = changed.filter((c) => c !== null).length;
  if (!n) return 0;
  await page.evaluate((repl: (string | null)[]) => {
    let i = 0;
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode(), i++) if (repl[i] !== null) (node as Text).data = repl[i]!;
    for (const el of Array.from(document.querySelectorAll('input, textarea'))) {
      if (repl[i] !== null) (el as HTMLInputElement).value = repl[i]!;
      i++;
    }
    for (const el of Array.from(document.querySelectorAll('[title], [alt]'))) {
      if (repl[i] !== null) {
        const [title, alt] = repl[i]!.split('\u0000');
        if (el.hasAttribute('title')) el.setAttribute('title', title);
        if (el.hasAttribute('alt')) el.setAttribute('alt', alt);
      }
      i++;
    }
  }, changed);
  return n;
}

/** Finds the element of a request, reveals it when hidden, and frames it; returns its box (page coordinates). */
async function outline(page: Page, r: ShotRequest): Promise<{ x: number; y: number; width: number; height: number } | null> {
  return page.evaluate(
    (req: { selector?: string; hrefs?: string[]; text?: string }, outlineId: string) => {
      document.getElementById(outlineId)?.remove();
      let targets: Element[] = [];
      if (req.selector) {
        try {
          const el = document.querySelector(req.selector);
          if (el) targets = [el];
        } catch {
          /* a selector this browser does not accept: fall back to the page top */
        }
      }
      if (!targets.length && req.hrefs?.length) {
        const wanted = new Set(req.hrefs);
        targets = Array.from(document.querySelectorAll('a[href], area[href]')).filter((a) => wanted.has((a as HTMLAnchorElement).href));
      }
      if (!targets.length && req.text) {
        const needle = req.text;
        let best: Element | null = null;
        for (const el of Array.from(document.body?.querySelectorAll('*') ?? [])) {
          if ((el as HTMLElement).innerText?.includes(needle) && (!best || best.contains(el))) best = el;
        }
        if (best) targets = [best];
      }
      if (!targets.length) return null;
      // A hidden link (暗链) has no box: make it and its hidden ancestors visible so the picture shows what is there.
      for (const t of targets) {
        for (let el: Element | null = t; el && el !== document.body; el = el.parentElement) {
          const s = getComputedStyle(el);
          const h = el as HTMLElement;
          if (s.display === 'none') h.style.setProperty('display', 'block', 'important');
          if (s.visibility === 'hidden' || s.visibility === 'collapse') h.style.setProperty('visibility', 'visible', 'important');
          if (parseFloat(s.fontSize) === 0) h.style.setProperty('font-size', '14px', 'important');
          if (el.tagName === 'MARQUEE' || ((parseFloat(s.height) <= 2 || parseFloat(s.width) <= 2) && s.overflow !== 'visible')) {
            h.style.setProperty('height', 'auto', 'important');
            h.style.setProperty('width', 'auto', 'important');
            h.style.setProperty('overflow', 'visible', 'important');
          }
          const left = parseFloat(s.left);
          const top = parseFloat(s.top);
          const indent = parseFloat(s.textIndent);
          if ((s.position === 'absolute' || s.position === 'relative') && (left <= -500 || top <= -500)) {
            h.style.setProperty('left', '0', 'important');
            h.style.setProperty('top', '0', 'important');
          }
          if (indent <= -500) h.style.setProperty('text-indent', '0', 'important');
        }
      }
      const boxes = targets.map((t) => t.getBoundingClientRect()).filter((b) => b.width > 0 && b.height > 0);
      if (!boxes.length) return null;
      const x1 = Math.min(...boxes.map((b) => b.left)) + scrollX;
      const y1 = Math.min(...boxes.map((b) => b.top)) + scrollY;
      const x2 = Math.max(...boxes.map((b) => b.right)) + scrollX;
      const y2 = Math.max(...boxes.map((b) => b.bottom)) + scrollY;
      const frame = document.createElement('div');
      frame.id = outlineId;
      frame.setAttribute(
        'style',
        `position:absolute;left:${x1 - 4}px;top:${y1 - 4}px;width:${x2 - x1 + 8}px;height:${y2 - y1 + 8}px;border:3px solid #e00000;box-sizing:border-box;pointer-events:none;z-index:2147483647;background:transparent`,
      );
      document.body.appendChild(frame);
      return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
    },
    { selector: r.selector, hrefs: r.hrefs, text: r.text },
    OUTLINE_ID,
  );
}

/**
 * Takes the pictures, page by page, in one tab kept for the whole list (a new tab per page started a renderer per
 * page: on the scale bench the pictures cost more CPU than the 20 accessibility pages); never throws for one picture.
 * Each page is masked once, before its first picture (its scripts are stopped by then, and revealing or framing an
 * element changes no text).
 */
export async function captureShots(session: BrowserSession, requests: ShotRequest[], opts: ShotOptions = {}): Promise<ShotResult[]> {
  const width = opts.width ?? 1200;
  const maxHeight = opts.maxHeight ?? 760;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const byPage = new Map<string, ShotRequest[]>();
  for (const r of requests) byPage.set(r.page, [...(byPage.get(r.page) ?? []), r]);
  const results: ShotResult[] = [];
  for (const [url, list] of byPage) {
    try {
      const done = await session.withTab(
        async (page) => {
          await page.setViewport({ width, height: maxHeight, deviceScaleFactor: 1 });
          const response = await navigate(page, url, { timeoutMs });
          const status = response?.status() ?? null;
          if (status !== null && status >= 400) return list.map((r) => ({ id: r.id, error: `HTTP ${status}` }));
          // Lists a script fills are drawn by now; stop the page's scripts so nothing writes after the masking.
          await page.setJavaScriptEnabled(false);
          try {
            return await shootPage(page, list, width, maxHeight);
          } finally {
            // the tab is kept for the next page: its scripts run again there (the viewport is set anew each page)
            await page.setJavaScriptEnabled(true);
          }
        },
        { timeoutMs: timeoutMs * 2 },
      );
      results.push(...done);
    } catch (e) {
      const error = String((e as Error)?.message ?? e).split('\n')[0].slice(0, 200);
      results.push(...list.map((r) => ({ id: r.id, error })));
    }
  }
  return results;
}

/** The pictures of one loaded page (scripts stopped): masked once, then each request framed and captured. */
async function shootPage(page: Page, list: ShotRequest[], width: number, maxHeight: number): Promise<ShotResult[]> {
  await maskPageData(page);
  const out: ShotResult[] = [];
  for (const r of list) {
    const box = await outline(page, r);
    const docHeight: number = await page.evaluate(() => Math.max(document.documentElement.scrollHeight, document.body?.scrollHeight ?? 0));
    const pad = 60;
    let clip = { x: 0, y: 0, width, height: Math.min(maxHeight, Math.max(200, docHeight)) };
    if (box) {
      const h = Math.min(maxHeight, Math.max(box.height + 2 * pad, 320));
      const y = Math.max(0, Math.min(box.y - pad - Math.max(0, (h - box.height - 2 * pad) / 2), Math.max(0, docHeight - h)));
      clip = { x: 0, y: Math.round(y), width, height: Math.round(h) };
    }
    const png = await page.screenshot({ type: 'png', clip, captureBeyondViewport: true });
    await mkdir(dirname(r.file), { recursive: true });
    await writeFile(r.file, png);
    out.push({ id: r.id, file: r.file, outlined: Boolean(box) });
  }
  return out;
}
