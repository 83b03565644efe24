// Homepage outages as the probes see them: after `notify.downAfterProbes` consecutive failed probes a site is down
// (one alert), and the first answered probe after that ends the outage (one more). The state lives in the store
// (records kind `notify.homepage`), so a restart neither repeats nor forgets an outage.
import type { DistrictConfig, SiteConfig } from '../config/schema.ts';
import type { ProbeRecord, Store } from '../store/types.ts';
import { homepageDownEvent, homepageUpEvent, type MessageContext, type NotifyEvent } from './messages.ts';

export const HOMEPAGE_STATE_KIND = 'notify.homepage';

/** A site's outage state: down since its first failed probe, or up. */
export interface HomepageState {
  down: boolean;
  /** When the outage began (the first failed probe of the streak); null when up. */
  since: string | null;
}

/** Probes looked back over for a streak (the threshold's probes must fall in it). */
const LOOKBACK_MS = 14 * 86_400_000;

/** Why a probe failed, in Chinese. */
export function probeFailure(p: Pick<ProbeRecord, 'status' | 'error'>): string {
  if (p.status !== null && p.status >= 400) return `HTTP ${p.status}`;
  const words: Record<string, string> = { timeout: '超时无响应', dns: '域名解析失败', refused: '连接被拒绝', reset: '连接被重置', tls: '证书或加密连接错误', network: '网络错误' };
  return (p.error && words[p.error]) || (p.error ? `连接失败（${p.error}）` : '无响应');
}

/**
 * Events for the sites whose state changed with the probes now in the store, and `save` to record the new states —
 * called once the events are in the outbox (a crash in between raises them again: their keys make that harmless).
 */
export async function homepageEvents(opts: { config: DistrictConfig; store: Store; ctx: MessageContext; now: Date; sites?: readonly SiteConfig[] }): Promise<{ events: NotifyEvent[]; save: () => Promise<void> }> {
  const { config, store, ctx, now } = opts;
  const k = config.notify.downAfterProbes;
  const states = new Map((await store.listRecords<HomepageState>(HOMEPAGE_STATE_KIND)).map((r) => [r.key, r.data]));
  const events: NotifyEvent[] = [];
  const changed: { key: string; siteKey: string; data: HomepageState; updatedAt: string }[] = [];
  for (const site of opts.sites ?? config.sites) {
    const probes = await store.listProbes({ from: new Date(now.getTime() - LOOKBACK_MS).toISOString(), to: new Date(now.getTime() + 1).toISOString(), siteId: site.id });
    const last = probes.at(-1);
    if (!last) continue;
    const state = states.get(site.id) ?? { down: false, since: null };
    if (!state.down) {
      const tail = probes.slice(-k);
      if (tail.length < k || tail.some((p) => p.ok)) continue;
      // the streak began at the first failed probe after the last answered one
      let i = probes.length - 1;
      while (i > 0 && !probes[i - 1].ok) i--;
      const since = probes[i].at;
      events.push(homepageDownEvent(ctx, site, since, probes.length - i, probeFailure(last)));
      changed.push({ key: site.id, siteKey: site.id, data: { down: true, since }, updatedAt: now.toISOString() });
    } else if (last.ok) {
      events.push(homepageUpEvent(ctx, site, state.since ?? last.at, last.at));
      changed.push({ key: site.id, siteKey: site.id, data: { down: false, since: null }, updatedAt: now.toISOString() });
    }
  }
  return {
    events,
    save: async () => {
      if (changed.length) await store.upsertRecords(HOMEPAGE_STATE_KIND, changed);
    },
  };
}
