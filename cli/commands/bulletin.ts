// `govaudit bulletin --month YYYY-MM`: the monthly spot-check bulletin (HTML, PDF, DOCX) from the stored runs.
import { relative } from 'node:path';
import { bulletinFormats, bulletinOutDir, generateBulletin, type BulletinFormat } from '../../reports/bulletin/generate.ts';
import { parseMonth } from '../../reports/bulletin/month.ts';
import { NoRunsError } from '../../reports/bulletin/model.ts';
import { ReviewFileError } from '../../reports/review.ts';
import { storeLocation } from '../../store/open.ts';
import { commonOptions, parseNow, UsageError, type Command } from '../command.ts';
import { loadConfigOrDemo, openStoreFor } from '../context.ts';

export const bulletinCommand: Command = {
  name: 'bulletin',
  summary: 'write the monthly spot-check bulletin (HTML, PDF, DOCX) from the stored runs',
  usage: 'govaudit bulletin --month YYYY-MM [--config FILE] [--data DIR] [--out DIR] [--now ISO] [--formats html,pdf,docx]',
  options: { ...commonOptions, month: { type: 'string' }, out: { type: 'string' }, formats: { type: 'string' } },
  async run(values) {
    const monthText = values.month as string | undefined;
    if (!monthText) throw new UsageError('--month is required, e.g. --month 2026-11');
    const formats = parseFormats(values.formats as string | undefined);
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
        const result = await generateBulletin({ store, config, month: monthText, now, outDir, formats });
        const o = result.model.overview;
        const out = process.stdout;
        out.write(`${result.model.title}\n`);
        out.write(`  ${o.sitesChecked} site(s) checked, ${o.passed} passed (${o.passRate}%), average ${o.averageScore}; rectify by ${result.model.deadline ?? `${result.model.rectifyWorkdays} working days`}\n`);
        for (const [fmt, file] of Object.entries(result.files)) out.write(`  ${fmt.padEnd(5)} ${relative(process.cwd(), file) || file}\n`);
        for (const w of result.warnings) out.write(`  warning: ${w}\n`);
        return 0;
      } catch (e) {
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
