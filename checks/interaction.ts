// Interaction (互动回应, 国办秘函〔2019〕19号 单项否决 5): the site must offer a working channel for questions, and no
// valid message of the past year may stay unanswered for more than 3 months. Channels are the configured
// `interaction` columns and the homepage's 互动交流 / 信箱 / 咨询 links; messages are read from the channel pages
// on this site (list tables, labelled detail blocks, configured CSS layouts). Median reply time in working days.
import type { PageArtifact } from '../contract/artifacts/crawl.ts';
import type { Finding } from '../contract/finding.ts';
import type { Check, CheckContext } from './types.ts';
import { localDate, parseLocalDateTime } from '../calendar/timezone.ts';
import { CalendarNotCoveredError } from '../calendar/workdays.ts';
import { cutoffDate } from './content/age.ts';
import { findHomepage, folderKey, indexPages, isHealthyHtml, pageKey } from '../util/site-pages.ts';
import { findChannels, type Channel } from './interaction/channels.ts';
import { extractMessages, type BoardMessage } from './interaction/extract.ts';
import type { ParsedDate } from '../util/dates.ts';
import { strings } from './interaction.strings.ts';

const MAX_BOARD_PAGES = 300;

export const interaction: Check = {
  id: 'interaction',
  title: strings.title,
  requires: ['pages', 'crawl', 'linkTargets', 'html'],
  run(artifacts, ctx) {
    const pages = artifacts.pages!;
    const crawl = artifacts.crawl!;
    const index = indexPages(pages);
    const home = findHomepage(pages, crawl, index);
    if (!home || !isHealthyHtml(home)) return { findings: [], notMeasured: strings.notMeasured.noHomepage(crawl.fatal ?? home?.error ?? String(home?.status ?? '未抓取')) };
    const site = artifacts.site;
    const channels = findChannels(site, pages, artifacts.linkTargets!, crawl, index);
    const findings: Finding[] = [];
    const channelMetrics = channels.map(({ url, name, source, internal, state, detail }) => ({ url, name, source, internal, state, detail }));
    const working = channels.filter((c) => c.state === 'working');
    if (working.length === 0) {
      const broken = channels.filter((c) => c.state === 'broken');
      if (channels.length > 0 && broken.length === 0) return { findings: [], metrics: { channels: channelMetrics }, notMeasured: strings.notMeasured.unchecked(describe(channels)) };
      findings.push({
        check: 'interaction', code: 'interaction.no-channel', severity: 'veto', siteId: site.id, url: home.url,
        message: broken.length ? strings.brokenChannels(describe(broken)) : strings.noChannel,
        evidence: { reason: broken.length ? 'broken' : 'none', channels: channelMetrics },
      });
    }

    const boardPages = selectBoardPages(channels, pages, index, ctx);
    const messages = dedupe(boardPages.flatMap((p) => extractMessages({ url: p.finalUrl, html: p.html ?? '', title: p.title }, ctx.config.interaction.layouts)));
    const judged = judgeMessages(messages, ctx);
    for (const j of judged.late) {
      const m = j.message;
      const today = localDate(ctx.now, ctx.timezone);
      findings.push({
        check: 'interaction', code: 'interaction.unanswered-message', severity: 'veto', siteId: site.id, url: m.url,
        message: m.answered ? strings.answeredLate(m.title, m.submitted.date, m.answered.date, j.months) : strings.unanswered(m.title, m.submitted.date, today, j.months),
        evidence: { itemId: m.id, title: m.title, submitted: stamp(m.submitted), answered: m.answered ? stamp(m.answered) : null, status: m.status, monthsLimit: j.months, layout: m.layout },
      });
    }
    // Two things to judge: the channels (each working or broken), and — once one works — its messages' answers. A
    // board whose messages could not be read leaves the second unjudged, said on the scorecard.
    // No channel at all is judged too: the homepage and the crawl were searched and hold none (interaction.no-channel).
    const channelsJudged = channels.length === 0 ? 1 : channels.filter((c) => c.state === 'working' || c.state === 'broken').length;
    const board = working.length > 0 ? 1 : 0;
    const boardJudged = board && messages.length > 0 ? 1 : 0;
    const candidates = Math.max(1, channels.length) + board;
    const coverage = { candidates, judged: channelsJudged + boardJudged, ...(board && !boardJudged ? { reason: strings.noMessagesRead } : {}) };
    return {
      findings,
      coverage,
      warnings: judged.warnings.length ? judged.warnings : undefined,
      metrics: {
        channels: channelMetrics,
        boardPages: boardPages.length,
        messages: judged.counts,
        medianReplyWorkdays: median(judged.replyWorkdays),
        replyTimesMeasured: judged.replyWorkdays.length,
        lookbackFrom: judged.lookbackFrom,
      },
    };
  },
};

/** Healthy pages of the site's own channels: each channel page, pages in its folder, and pages it links to. */
function selectBoardPages(channels: Channel[], pages: readonly PageArtifact[], index: Map<string, PageArtifact>, ctx: CheckContext): PageArtifact[] {
  const layouts = ctx.config.interaction.layouts;
  const keys = new Set<string>();
  const folders: string[] = [];
  for (const c of channels) {
    if (!c.internal) continue;
    const page = index.get(pageKey(c.url));
    if (!page || !isHealthyHtml(page)) continue;
    keys.add(pageKey(page.url));
    const folder = folderKey(page.finalUrl);
    if (new URL(folder).pathname !== '/') folders.push(folder);
    for (const l of page.links) if (l.tag === 'a' && !l.hidden) keys.add(pageKey(l.url));
  }
  const matchesLayout = (url: string) => layouts.some((l) => {
    try {
      return new RegExp(l.pages, 'u').test(url);
    } catch {
      return false;
    }
  });
  return pages
    .filter((p) => p.html && isHealthyHtml(p))
    .filter((p) => keys.has(pageKey(p.url)) || keys.has(pageKey(p.finalUrl)) || folders.some((f) => pageKey(p.finalUrl).startsWith(f)) || matchesLayout(p.finalUrl))
    .sort((a, b) => a.url.localeCompare(b.url))
    .slice(0, MAX_BOARD_PAGES);
}

/**
 * One message per id, then per date and title (a list row without a link and the detail page showing the same
 * message). A detail page's reading wins over a list row; a reply or an invalid mark seen on either counts.
 */
function dedupe(messages: BoardMessage[]): BoardMessage[] {
  const merge = (prev: BoardMessage, m: BoardMessage): BoardMessage => {
    const keep = m.layout === 'labelled' && prev.layout !== 'labelled' ? m : prev;
    return { ...keep, answered: keep.answered ?? (keep === m ? prev.answered : m.answered), invalid: m.invalid || prev.invalid };
  };
  const byId = new Map<string, BoardMessage>();
  for (const m of [...messages].sort((a, b) => a.id.localeCompare(b.id))) {
    const prev = byId.get(m.id);
    byId.set(m.id, prev ? merge(prev, m) : m);
  }
  const byContent = new Map<string, BoardMessage>();
  for (const m of byId.values()) {
    const key = m.title ? `${m.submitted.date}\u0000${m.title}` : `id\u0000${m.id}`;
    const prev = byContent.get(key);
    byContent.set(key, prev ? merge(prev, m) : m);
  }
  return [...byContent.values()].sort((a, b) => a.id.localeCompare(b.id));
}

interface Judged {
  late: { message: BoardMessage; months: number }[];
  counts: { found: number; invalid: number; outsidePeriod: number; inPeriod: number; answered: number; open: number; overLimit: number };
  replyWorkdays: number[];
  lookbackFrom: string;
  warnings: string[];
}

function judgeMessages(messages: BoardMessage[], ctx: CheckContext): Judged {
  const { unansweredMonths: months, lookbackMonths } = ctx.config.interaction;
  const today = localDate(ctx.now, ctx.timezone);
  const lookbackFrom = cutoffDate(today, { n: lookbackMonths, unit: 'm' });
  const out: Judged = { late: [], counts: { found: messages.length, invalid: 0, outsidePeriod: 0, inPeriod: 0, answered: 0, open: 0, overLimit: 0 }, replyWorkdays: [], lookbackFrom, warnings: [] };
  const uncovered = new Set<number>();
  for (const m of messages) {
    if (m.invalid) {
      out.counts.invalid++;
      continue;
    }
    if (m.submitted.date < lookbackFrom || m.submitted.date > today) {
      out.counts.outsidePeriod++;
      continue;
    }
    out.counts.inPeriod++;
    const answered = m.answered && m.answered.date <= today ? m.answered : null;
    const end = answered ? answered.date : today;
    const over = m.submitted.date < cutoffDate(end, { n: months, unit: 'm' });
    if (answered) {
      out.counts.answered++;
      try {
        out.replyWorkdays.push(ctx.calendar.workdaysBetween(instant(m.submitted, ctx.timezone), instant(answered, ctx.timezone), ctx.timezone));
      } catch (e) {
        if (!(e instanceof CalendarNotCoveredError)) throw e;
        uncovered.add(e.year);
      }
    } else out.counts.open++;
    if (over) {
      out.counts.overLimit++;
      out.late.push({ message: answered ? m : { ...m, answered: null }, months });
    }
  }
  out.warnings = [...uncovered].sort().map(strings.notCovered);
  return out;
}

function instant(d: ParsedDate, timezone: string): Date {
  return parseLocalDateTime(`${d.date} ${d.time ?? '00:00'}`, timezone);
}

function stamp(d: ParsedDate): string {
  return d.time ? `${d.date} ${d.time}` : d.date;
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function describe(channels: Channel[]): string {
  return channels.map((c) => `${c.name}${c.detail ? `：${c.detail}` : ''}`).join('；');
}
