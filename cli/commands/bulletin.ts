// `govaudit bulletin --month YYYY-MM`: the monthly spot-check bulletin (HTML, PDF, DOCX) from the stored runs.
import { relative } from 'node:path';
import { BulletinNotReadyError, bulletinFormats, bulletinOutDir, generateBulletin, pendingLines, type BulletinFormat } from '../../reports/bulletin/generate.ts';
import { parseMonth } from '../../reports/bulletin/month.ts';
import { NoRunsError } from '../../reports/bulletin/model.ts';
import { ReviewFileError } from '../../reports/review.ts';
import { storeLocation } from '../../store/open.ts';
import { createNotifier } from '../../notify/outbox.ts';
import { createLogger } from '../../scheduler/log.ts';
import { notifyAfterBulletin } from '../../scheduler/notify.ts';
import pino from 'pino';
import { commonOptions, parseNow, UsageError, type Command } from '../command.ts';
import { loadConfigOrDemo, openStoreFor } from '../context.ts';

export const bulletinCommand: Command = {
  name: 'bulletin',
  summary: 'write the monthly spot-check bulletin (HTML, PDF, DOCX) from the stored runs',
  usage: 'govaudit bulletin --month YYYY-MM [--final] [--seq N] [--config FILE] [--data DIR] [--out DIR] [--now ISO] [--formats html,pdf,docx]',
  options: { ...commonOptions, month: { type: 'string' }, out: { type: 'string' }, formats: { type: 'string' }, final: { type: 'boolean' }, seq: { type: 'string' } },
  async run(values) {
    const monthText = values.month as string | undefined;
    if (!monthText) throw new UsageError('--month is required, e.g. --month 2026-11');
    const formats = parseFormats(values.formats as string | undefined);
    const seqText = values.seq as string | undefined;
    const seq = seqText === undefined ? null : Number(seqText);
    if (seq !== null && (!Number.isInteger(seq) || seq < 1)) throw new UsageError(`--seq: expected a whole number ≥ 1, got "${seqText}"`);
    const loaded = await loadConfigOrDemo(values.config as string | undefined);
    try {
      const { config } = loaded;
      try {
        parseMonth(monthText, config.timezone);
      } catch (e) {
        throw new UsageError(`--month: ${(e as Error).message}`);
      }
      const now = parseNow(values.now as string | undefined, config.asOf);
      const outDir = bulletinOutDir((values.out as string) ?? 'out');
      const store = await openStoreFor(config, values.data as string | undefined);
      try {
        const result = await generateBulletin({ store, config, month: monthText, now, outDir, formats, final: Boolean(values.final), seq });
        const m = result.model;
        const o = m.overview;
        const out = process.stdout;
        out.write(`${m.docNumber ? `${m.docNumber}　` : ''}${m.title}${values.final ? '（正式）' : m.pending.length ? '（草稿）' : ''}\n`);
        out.write(`  抽查网站 ${o.sitesChecked} 个，合格 ${o.passed} 个（${o.passRate}%），平均得分 ${o.averageScore}；整改期限 ${m.perUnitDeadlines ? '按单位规定（见通报“整改要求”）' : m.deadlineText}\n`);
        if (m.overdue.length) out.write(`  逾期未整改：${new Set(m.overdue.map((x) => x.unit)).size} 个单位的 ${m.overdue.length} 个问题（见通报“逾期未整改”部分）\n`);
        if (m.pending.length) {
          out.write(`  待复核：${m.pending.length} 项疑似单项否决的问题尚未复核（草稿附件列出；复核前不能用 --final 印发）：\n`);
          for (const l of pendingLines(m.pending, m.timezone)) out.write(`    ${l}\n`);
        }
        const names: Record<string, string> = { html: '网页', pdf: 'PDF', docx: 'Word' };
        for (const [fmt, file] of Object.entries(result.files)) out.write(`  ${(names[fmt] ?? fmt).padEnd(5)} ${relative(process.cwd(), file) || file}\n`);
        for (const w of result.warnings) out.write(`  warning: ${w}\n`);
        if (values.final && Object.keys(config.notify.channels).length) {
          // the issued bulletin reaches the center and each unit (its own part); what cannot go now, the service sends
          const notifier = createNotifier({ config, store });
          try {
            const log = createLogger({ destination: pino.destination(2) });
            await notifyAfterBulletin({ config, store, notifier, log }, m, true);
            const queued = await store.listNotifications({ states: ['pending'] });
            out.write(`  已通知各单位${queued.some((q) => q.kind === 'bulletin') ? '（部分消息待服务稍后发送，见 govaudit status）' : ''}\n`);
          } finally {
            await notifier.close();
          }
        }
        return 0;
      } catch (e) {
        if (e instanceof BulletinNotReadyError) throw new UsageError(e.message);
        if (e instanceof NoRunsError) throw new UsageError(`${e.message} in ${storeLocation({ data: values.data as string | undefined, config })} (run \`govaudit audit\` first, or pick another --month)`);
        if (e instanceof ReviewFileError) throw new UsageError(e.message);
        throw e;
      } finally {
        await store.close();
      }
    } finally {
      await loaded.stopDemo?.();
    }
  },
};

function parseFormats(text: string | undefined): BulletinFormat[] | undefined {
  if (text === undefined) return undefined;
  const list = text.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const bad = list.filter((f) => !bulletinFormats.includes(f as BulletinFormat));
  if (!list.length || bad.length) throw new UsageError(`--formats: expected some of ${bulletinFormats.join(', ')}, got "${text}"`);
  return [...new Set(list)] as BulletinFormat[];
}
