// The run's browser: one Chromium driven by puppeteer-core, a bounded number of pages at once, a fresh incognito
// context per site (session), a time limit per page, and a relaunch after a crash or a hang so the run goes on.
// Shared by every site a process has in flight (a worker with tens of them): slots go to the sites in turn, and
// the tabs kept open between a site's pages are capped for the whole browser, so its memory does not grow with
// the number of sites.
import type { BrowserContext, Page } from 'puppeteer-core';
import { type ConnectRule, type GuardProxy, startGuardProxy } from '../../browser/guard-proxy.ts';
import { closeTimeoutMs, launchBrowser, type LaunchedBrowser } from '../../browser/launch.ts';
import type { RequestGuard } from './request-guard.ts';
import { fairLimit, type FairLimit } from '../../util/fair-limit.ts';
import { TimeLimitError, withTimeLimit } from '../../util/time-limit.ts';

export interface BrowserPoolOptions {
  executablePath: string;
  /** The config's `resolve` map (host → addresses), given to Chromium as host resolver rules. */
  resolve: Record<string, string[]>;
  /** Pages (and Lighthouse runs) at once across the whole run. */
  concurrency: number;
  /**
   * Tabs kept open between pages across all sessions (default 2 × concurrency). Past it, the tab idle longest is
   * closed: every open tab is a renderer process, and twenty sites each keeping theirs would hold gigabytes.
   */
  maxIdleTabs?: number;
  /**
   * Pages a session may check in a row on one slot while others wait (default 4): its next page reuses the tab its
   * last one left open (axe-core compiled once per tab), and a site with a long list still waits its turn.
   */
  quantum?: number;
  launchTimeoutMs?: number;
  /**
   * Every request of every page (the page itself, its subresources, its redirects) is asked first; a refused one is
   * aborted as unreachable (request-guard.ts). None: nothing is intercepted.
   */
  guard?: RequestGuard | null;
  /**
   * Where the browser may connect: every request of every tab (Lighthouse's too) goes through a proxy that connects
   * only to the address this rule gives (browser/guard-proxy.ts), so DNS rebinding cannot slip past. None: Chromium
   * connects itself.
   */
  connect?: ConnectRule | null;
}

/** One launched browser and the profile folder it owns. */
export interface BrowserInstance extends LaunchedBrowser {
  generation: number;
  /** Set once disposal started (so it runs once). */
  disposed?: Promise<void>;
}

/** The run's browser. Create with `BrowserPool.open`, share through `ctx.shared`, close at the end of the run. */
export class BrowserPool {
  /** Browser launches after the first one (after a crash, a hang or `restart()`). */
  restarts = 0;
  /** Chromium's product string, e.g. `Chrome/131.0.6778.85`. */
  version = '';
  private instance: BrowserInstance | null = null;
  private launching: Promise<BrowserInstance> | null = null;
  private generation = 0;
  private closed = false;
  private readonly limit: FairLimit;
  private proxy: GuardProxy | null = null;
  /** Tabs open and not in use, of every session, oldest first. */
  private idle: { session: BrowserSession; tab: Tab; generation: number }[] = [];
  private readonly maxIdleTabs: number;

  private constructor(private readonly opts: BrowserPoolOptions) {
    this.limit = fairLimit(opts.concurrency, { quantum: opts.quantum ?? 4 });
    this.maxIdleTabs = opts.maxIdleTabs ?? opts.concurrency * 2;
  }

  /** Launches the browser (so a broken installation fails here, once, with a clear message). */
  static async open(opts: BrowserPoolOptions): Promise<BrowserPool> {
    const pool = new BrowserPool(opts);
    if (opts.connect) pool.proxy = await startGuardProxy(opts.connect);
    try {
      await pool.current();
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  /** A fresh incognito context for one site; pages of different sessions share nothing (cookies, cache, storage). */
  session(): BrowserSession {
    return new BrowserSession(this);
  }

  /** The request guard pages are opened with (null: none). */
  get guard(): RequestGuard | null {
    return this.opts.guard ?? null;
  }

  /**
   * Runs `work` in one of the bounded slots (pages and Lighthouse share them). Owners (a session, a site) take
   * turns: a slot serves one owner for up to `quantum` tasks in a row, then the next owner with work waiting. No
   * owner: a turn of its own.
   */
  slot<T>(work: () => Promise<T>, owner: unknown = {}): Promise<T> {
    return this.limit.run(owner, work);
  }

  /** Tabs open now and not in use (all sessions). */
  get idleTabs(): number {
    return this.idle.length;
  }

  /** Keeps `tab` open for `session`'s next page; closes the tab idle longest when past the cap. */
  async park(session: BrowserSession, tab: Tab, generation: number): Promise<void> {
    this.idle.push({ session, tab, generation });
    while (this.idle.length > this.maxIdleTabs) {
      const old = this.idle.shift()!;
      await this.closeTab(old.tab.page, old.generation);
    }
  }

  /** A tab `session` left open on this browser generation, if it still has one. */
  unpark(session: BrowserSession, generation: number): Tab | undefined {
    for (let i = this.idle.length - 1; i >= 0; i--) {
      const e = this.idle[i];
      if (e.session !== session) continue;
      this.idle.splice(i, 1);
      if (e.generation === generation && !e.tab.page.isClosed()) return e.tab;
    }
    return undefined;
  }

  /** Forgets `session`'s idle tabs (its context is being closed or replaced, which closes them). */
  forget(session: BrowserSession): void {
    this.idle = this.idle.filter((e) => e.session !== session);
  }

  /** Closes a tab of browser `generation` (relaunching the browser if even that hangs). */
  async closeTab(page: Page, generation: number): Promise<void> {
    if (!this.isLive(generation)) return;
    try {
      await withTimeLimit(page.close(), closeTimeoutMs, 'page close');
    } catch {
      if (this.isLive(generation)) await this.restart();
    }
  }

  /** The DevTools port of the current browser (Lighthouse connects to it). */
  async debuggingPort(): Promise<number> {
    const { browser } = await this.current();
    const port = Number(new URL(browser.wsEndpoint()).port);
    if (!Number.isInteger(port) || port <= 0) throw new Error(`no DevTools port in ${browser.wsEndpoint()}`);
    return port;
  }

  /** The current browser, launched on first use and after a crash. */
  async current(): Promise<BrowserInstance> {
    if (this.closed) throw new Error('the browser pool is closed');
    if (this.instance?.browser.connected) return this.instance;
    this.launching ??= this.relaunch().finally(() => {
      this.launching = null;
    });
    return this.launching;
  }

  /** Kills the current browser (hung page, Lighthouse past its limit); the next use launches a new one. */
  async restart(): Promise<void> {
    const inst = this.instance;
    if (!inst) return;
    this.instance = null;
    await this.dispose(inst);
  }

  /** Is `generation` still the live browser? */
  isLive(generation: number): boolean {
    return this.instance?.generation === generation && this.instance.browser.connected;
  }

  async close(): Promise<void> {
    this.closed = true;
    const inst = this.instance ?? (await this.launching?.catch(() => null)) ?? null;
    this.instance = null;
    if (inst) await this.dispose(inst);
    await this.proxy?.close();
  }

  /** Connections the guard proxy refused (host:port), oldest first; empty without one. */
  get refused(): readonly string[] {
    return this.proxy?.refused ?? [];
  }

  /** Disposes of a dead browser (crash, kill) before launching the next one; counts relaunches. */
  private async relaunch(): Promise<BrowserInstance> {
    const dead = this.instance;
    this.instance = null;
    if (dead) await this.dispose(dead);
    if (this.generation > 0) this.restarts++;
    return this.launch();
  }

  private async launch(): Promise<BrowserInstance> {
    const launched = await launchBrowser({
      executablePath: this.opts.executablePath,
      desktop: { resolve: this.opts.resolve, ...(this.proxy ? { proxyPort: this.proxy.port } : {}) },
      timeoutMs: this.opts.launchTimeoutMs ?? 30_000,
      protocolTimeoutMs: 120_000,
      ownSignals: true,
    });
    const inst: BrowserInstance = { ...launched, generation: ++this.generation };
    const { browser } = inst;
    this.instance = inst;
    this.version = await browser.version().catch(() => '');
    browser.once('disconnected', () => {
      if (this.instance === inst) this.instance = null;
      void this.dispose(inst);
    });
    if (this.closed) {
      await this.dispose(inst);
      throw new Error('the browser pool is closed');
    }
    return inst;
  }

  /** Closes the browser (killing it if that hangs) and removes its profile folder; once per instance. */
  private dispose(inst: BrowserInstance): Promise<void> {
    inst.disposed ??= inst.close();
    return inst.disposed;
  }
}

/** Priority of the request guard's refusals in puppeteer's cooperative interception (other handlers use 0). */
export const GUARD_PRIORITY = 10;

/** Pages one tab checks before it is closed and a new one opened (bounds what a renderer accumulates). */
export const MAX_TAB_USES = 50;

export interface Tab {
  page: Page;
  uses: number;
}

/**
 * One site's incognito context; recreated transparently when the browser was relaunched. Pages come two ways:
 * `withPage` opens a new tab and closes it after use (for work that changes a tab's settings, such as request
 * interception); `withTab` lends a tab that stays open for the site's next page. Reusing a tab keeps the same
 * renderer process for a site's pages, so the 550 KB axe-core script is compiled once per renderer instead of once
 * per page (V8's compilation cache) and no target is opened and closed per page: on the bench's 50 pages, 55 s
 * with a new tab per page, 18 s with one tab reused. Tabs kept between pages count against the pool's idle-tab
 * cap (shared by all sessions); a session whose tab was closed for the cap just opens a new one.
 */
export class BrowserSession {
  private context: BrowserContext | null = null;
  private generation = -1;

  constructor(private readonly pool: BrowserPool) {}

  /**
   * Opens a page, runs `fn` on it within `timeoutMs`, and closes it. A page that outlives its limit is closed
   * (the browser is relaunched if even that hangs); a browser crash during `fn` is retried once on a new browser.
   */
  withPage<T>(fn: (page: Page) => Promise<T>, opts: { timeoutMs: number }): Promise<T> {
    return this.retried(() => this.attempt(fn, opts.timeoutMs, false));
  }

  /**
   * Like `withPage`, on a tab kept open for the session's next pages (dialogs dismissed). `fn` must leave the tab
   * as it found it apart from navigating it (use `navigate`). A tab whose `fn` threw or ran out of time is closed,
   * never reused; so is a tab after MAX_TAB_USES pages.
   */
  withTab<T>(fn: (page: Page) => Promise<T>, opts: { timeoutMs: number }): Promise<T> {
    return this.retried(() => this.attempt(fn, opts.timeoutMs, true));
  }

  async close(): Promise<void> {
    const ctx = this.context;
    this.context = null;
    this.pool.forget(this);
    if (ctx && this.pool.isLive(this.generation)) await withTimeLimit(ctx.close(), closeTimeoutMs, 'context close').catch(() => {});
  }

  private retried<T>(attempt: () => Promise<T>): Promise<T> {
    return this.pool.slot(async () => {
      try {
        return await attempt();
      } catch (e) {
        if (e instanceof TimeLimitError || !(e instanceof BrowserGoneError)) throw e;
        return attempt();
      }
    }, this);
  }

  private async attempt<T>(fn: (page: Page) => Promise<T>, timeoutMs: number, reuse: boolean): Promise<T> {
    const { browser, generation } = await this.pool.current();
    let tab: Tab | null = null;
    let keep = false;
    try {
      if (!this.context || this.generation !== generation) {
        this.pool.forget(this);
        this.context = await browser.createBrowserContext();
        this.generation = generation;
      }
      tab = (reuse ? this.pool.unpark(this, generation) : undefined) ?? { page: await this.newTab(this.context, reuse), uses: 0 };
      tab.uses++;
      const result = await withTimeLimit(fn(tab.page), timeoutMs, `page time limit (${timeoutMs} ms) exceeded`);
      keep = reuse && tab.uses < MAX_TAB_USES;
      return result;
    } catch (e) {
      if (!this.pool.isLive(generation)) throw new BrowserGoneError(e);
      throw e;
    } finally {
      if (tab) {
        if (keep && this.context && this.generation === generation && this.pool.isLive(generation) && !tab.page.isClosed()) await this.pool.park(this, tab, generation);
        else await this.pool.closeTab(tab.page, generation);
      }
    }
  }

  private async newTab(context: BrowserContext, reused: boolean): Promise<Page> {
    const page = await context.newPage();
    const guard = this.pool.guard;
    if (guard) {
      // cooperative interception (priorities): a refusal here outranks whatever another handler of the page decides
      await page.setRequestInterception(true);
      // puppeteer runs a page's request handlers one after another and awaits each, then resolves by priority
      page.on('request', async (req) => {
        if (req.isInterceptResolutionHandled()) return;
        const allowed = await guard(req.url()).catch(() => false);
        if (allowed) await req.continue(req.continueRequestOverrides(), 0).catch(() => {});
        else await req.abort('addressunreachable', GUARD_PRIORITY).catch(() => {});
      });
    }
    // a reused tab answers its dialogs itself: alerts dismissed, and "leave this page?" accepted (dismissing it would
    // keep the tab on the previous page and stall the next navigation)
    if (reused) page.on('dialog', (d) => void (d.type() === 'beforeunload' ? d.accept() : d.dismiss()).catch(() => {}));
    return page;
  }
}

/**
 * Navigates a (possibly reused) tab to `url`. A tab already showing that document (only the fragment differs) is
 * sent to about:blank first, so the answer is a real load with its HTTP response, never a same-document jump.
 */
export async function navigate(page: Page, url: string, opts: { timeoutMs: number }): Promise<ReturnType<Page['goto']>> {
  const bare = (u: string) => u.replace(/#.*$/, '');
  if (page.url() !== 'about:blank' && bare(page.url()) === bare(url)) await page.goto('about:blank', { timeout: opts.timeoutMs });
  return page.goto(url, { waitUntil: 'load', timeout: opts.timeoutMs });
}

/** The browser went away (crash, kill) while a page was in use. */
class BrowserGoneError extends Error {
  constructor(cause: unknown) {
    super(`the browser exited: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'BrowserGoneError';
  }
}
