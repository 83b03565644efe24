// `govaudit import-requests FILE`: ingest a disclosure-request export (依申请公开, CSV or JSON) into the store, matched to
// the config's sites by 网站标识码, then 受理机关. Prints what was inserted, updated and skipped (bad rows with their line).
import { basename, resolve } from 'node:path';
import { importDisclosureRequestFile } from '../../scheduler/import-disclosure-requests.ts';
import { recordImportReport, type RecordImportResult } from '../../imports/store-import.ts';
import { commonOptions, parseNow, UsageError, type Command } from '../command.ts';
import { loadConfigOrDemo, openStoreFor } from '../context.ts';

const usage = 'govaudit import-requests FILE [--config FILE] [--data DIR] [--now ISO]';

export const importRequestsCommand: Command = {
  name: 'import-requests',
  summary: 'import a disclosure-request export (依申请公开, CSV or JSON) into the store',
  usage,
  options: { ...commonOptions },
  allowPositionals: true,
  async run(values, positionals) {
    if (positionals.length !== 1) throw new UsageError(`expected one export file, got ${positionals.length} (usage: ${usage})`);
    const file = resolve(positionals[0]);
    const loaded = await loadConfigOrDemo(values.config as string | undefined);
    try {
      const now = parseNow(values.now as string | undefined, loaded.config.asOf);
      const store = await openStoreFor(loaded.config, values.data as string | undefined);
      let result: RecordImportResult;
      try {
        result = await importDisclosureRequestFile(file, { config: loaded.config, store, now });
      } finally {
        await store.close();
      }
      if (result.fatal) throw new UsageError(result.fatal);
      process.stdout.write(recordImportReport('request(s)', result, basename(file)));
      if (result.rows === 0 && result.errors.length > 0) throw new UsageError(`${basename(file)}: no valid row; nothing imported`);
      return 0;
    } finally {
      await loaded.stopDemo?.();
    }
  },
};
