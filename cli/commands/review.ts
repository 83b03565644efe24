// `govaudit review`: the center's review decisions (confirmations, dismissals, waivers; who, when, why) as a YAML
// file. `export` writes every stored decision; `import` loads a file into the store — validated first (a bad entry is
// named by its line), all entries or none (one transaction), idempotent (the same file twice adds nothing) — and
// records the import in the audit log under `--as`. `import --from-config` moves the config's own `confirmations` /
// `waivers` lists into the store once (they keep applying from the config until removed from it).
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { configDecisions, parseReviewFile, ReviewImportError, reviewFileText } from '../../reports/review-file.ts';
import { importReviewFile } from '../../reports/review-store.ts';
import { loadReviewDecisions, ReviewFileError } from '../../reports/review.ts';
import { commonOptions, parseNow, UsageError, type Command } from '../command.ts';
import { loadConfigOrDemo, openStoreFor } from '../context.ts';

export const reviewCommand: Command = {
  name: 'review',
  summary: 'export the stored review decisions to YAML, or import a file (or the config\'s lists) into the store',
  usage: 'govaudit review export [--out FILE.yaml] | govaudit review import (FILE.yaml | --from-config) --as USER  [--config FILE] [--data DIR]',
  options: { ...commonOptions, out: { type: 'string' }, as: { type: 'string' }, 'from-config': { type: 'boolean' } },
  allowPositionals: true,
  async run(values, positionals) {
    const [action, file, ...extra] = positionals;
    if (action !== 'export' && action !== 'import') throw new UsageError('give export or import (govaudit review export --out FILE.yaml; govaudit review import FILE.yaml --as USER)');
    if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const fromConfig = values['from-config'] === true;
    const actor = typeof values.as === 'string' ? values.as.trim() : '';
    if (action === 'export' && (file || fromConfig || values.as !== undefined)) throw new UsageError('export takes only --out FILE (and --config, --data)');
    if (action === 'import') {
      if (Boolean(file) === fromConfig) throw new UsageError('import: give one file, or --from-config');
      if (!actor) throw new UsageError('import: --as USER is required (who is importing, for the audit log)');
    }
    const now = parseNow(values.now as string | undefined);
    // Read and validate the file before anything is opened: a bad file writes nothing.
    let raw: string | undefined;
    if (action === 'import' && file) {
      try {
        raw = await readFile(file, 'utf8');
      } catch (e) {
        throw new UsageError(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      }
    }
    const loaded = await loadConfigOrDemo(values.config as string | undefined);
    try {
      const { config } = loaded;
      const entries = (() => {
        try {
          return raw !== undefined ? parseReviewFile(raw, file!) : undefined;
        } catch (e) {
          if (e instanceof ReviewImportError) throw new UsageError(e.message);
          throw e;
        }
      })();
      const store = await openStoreFor(config, values.data as string | undefined);
      try {
        if (action === 'export') {
          const records = await store.listReviewDecisions();
          const text = reviewFileText(records, now);
          if (values.out) {
            await writeFile(values.out as string, text);
            process.stderr.write(`已导出复核结论 ${records.length} 条到 ${resolve(values.out as string)}\n`);
          } else process.stdout.write(text);
          return 0;
        }
        let list = entries;
        if (!list) {
          try {
            list = configDecisions(await loadReviewDecisions(config));
          } catch (e) {
            if (e instanceof ReviewFileError) throw new UsageError(e.message);
            throw e;
          }
        }
        try {
          const r = await importReviewFile(store, config, list, { actor, now, source: file ?? 'config' });
          process.stdout.write(`已导入复核结论 ${list.length} 条：新增 ${r.inserted}，更新 ${r.updated}，未变 ${r.unchanged}${r.rescored.length ? `；已重新计分：${r.rescored.join('、')}` : ''}\n`);
          if (fromConfig) process.stderr.write('配置中的 confirmations / waivers 已导入库中；确认无误后可从配置中删除这两项（它们仍会与库中的结论一并生效）。\n');
          return 0;
        } catch (e) {
          if (e instanceof ReviewImportError) throw new UsageError(e.message);
          throw e;
        }
      } finally {
        await store.close();
      }
    } finally {
      await loaded.stopDemo?.();
    }
  },
};
