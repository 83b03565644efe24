// A child process for the durability test: opens the SQLite store in DIR and writes batches of findings in a loop,
// printing `committed <runId> <siteId> <count>` after each batch's transaction has returned. The test kills it
// with SIGKILL at some point and then checks that every batch printed is still there.
// Usage: node bin/run-ts.mjs test/support/crash-writer.ts DIR RUN_ID
import { openSqliteStore } from '../../store/sqlite.ts';
import type { StoredFinding } from '../../store/types.ts';

const [dir, runId] = process.argv.slice(2);
if (!dir || !runId) {
  process.stderr.write('usage: crash-writer.ts DIR RUN_ID\n');
  process.exit(2);
}
const store = openSqliteStore(dir);
await store.createRun({ id: runId, kind: 'crash-test', asOf: '2026-11-20T02:00:00.000Z', startedAt: new Date().toISOString(), siteIds: [] });
const filler = '政务公开内容'.repeat(200);
for (let i = 0; ; i++) {
  const siteId = `site-${i}`;
  const findings: StoredFinding[] = Array.from({ length: 40 }, (_, k) => ({
    check: 'links',
    code: 'link.broken',
    severity: 'minor',
    siteId,
    url: `http://www.licheng.gov.cn/${i}/${k}.htm`,
    message: `链接无法访问（HTTP 404）${k}`,
    evidence: { status: 404, foundOn: [`http://www.licheng.gov.cn/${i}/`], filler },
    identity: `${siteId}-${k}`,
    firstSeen: '2026-11-20T02:00:00.000Z',
    state: 'new',
  }));
  await store.saveFindings(runId, siteId, findings);
  process.stdout.write(`committed ${runId} ${siteId} ${findings.length}\n`);
}
