// `govaudit import --kind KIND FILE`: ingest a record export (CSV or JSON) of one record kind (contract/records/:
// `error-reports` 我为政府网站找错, `disclosure-requests` 依申请公开) into the store, matched to the config's sites.
// Prints what was inserted, updated and skipped (bad rows with their line numbers) and the records matching no site.
// `import-reports` and `import-requests` are the same command with the kind fixed (same output, same exit codes).
import { basename, resolve } from 'node:path';
import { recordKinds } from '../../contract/records/index.ts';
import type { RecordKind } from '../../contract/records/kind.ts';
import { importRecordFile, type RecordImportResult, recordImportReport } from '../../imports/store-import.ts';
import { commonOptions, parseNow, UsageError, type Command } from '../command.ts';
import { loadConfigOrDemo, openStoreFor } from '../context.ts';

const kindNames = recordKinds.map((k) => k.name).join('|');
const usage = `govaudit import --kind ${kindNames} FILE [--config FILE] [--data DIR] [--now ISO]`;

export const importCommand: Command = {
  name: 'import',
  summary: `import a record export (CSV or JSON) into the store: --kind ${kindNames}`,
  usage,
  options: { ...commonOptions, kind: { type: 'string' } },
  allowPositionals: true,
  run(values, positionals) {
    const name = values.kind as string | undefined;
    if (!name) throw new UsageError(`--kind is required: one of ${recordKinds.map((k) => k.name).join(', ')} (usage: ${usage})`);
    const kind = recordKinds.find((k) => k.name === name);
    if (!kind) throw new UsageError(`--kind: unknown record kind "${name}"; one of ${recordKinds.map((k) => k.name).join(', ')}`);
    return importExport(kind, values, positionals, usage);
  },
};

/** The older command for one kind: `govaudit import --kind <kind>` under another name. */
function alias(name: string, kindName: string): Command {
  const kind = recordKinds.find((k) => k.name === kindName)!;
  const aliasUsage = `govaudit ${name} FILE [--config FILE] [--data DIR] [--now ISO]`;
  return {
    name,
    summary: `govaudit import --kind ${kind.name} (${kind.what}s, ${kind.label})`,
    usage: aliasUsage,
    options: { ...commonOptions },
    allowPositionals: true,
    run: (values, positionals) => importExport(kind, values, positionals, aliasUsage),
  };
}

export const importReportsCommand = alias('import-reports', 'error-reports');
export const importRequestsCommand = alias('import-requests', 'disclosure-requests');

/** Exit 0 when the file was read (whatever rows it had); a UsageError (exit 2) when it cannot be, or has no valid row. */
async function importExport(kind: RecordKind, values: Record<string, unknown>, positionals: string[], usageLine: string): Promise<number> {
  if (positionals.length !== 1) throw new UsageError(`expected one export file, got ${positionals.length} (usage: ${usageLine})`);
  const file = resolve(positionals[0]);
  const loaded = await loadConfigOrDemo(values.config as string | undefined);
  try {
    const now = parseNow(values.now as string | undefined, loaded.config.asOf);
    const store = await openStoreFor(loaded.config, values.data as string | undefined);
    let result: RecordImportResult;
    try {
      result = await importRecordFile(kind, file, { config: loaded.config, store, now });
    } finally {
      await store.close();
    }
    if (result.fatal) throw new UsageError(result.fatal);
    process.stdout.write(recordImportReport(kind, result));
    if (result.rows === 0 && result.errors.length > 0) throw new UsageError(`${basename(file)}: no valid row; nothing imported`);
    return 0;
  } finally {
    await loaded.stopDemo?.();
  }
}
