// The Lighthouse worker thread (plain JavaScript: a worker is started without the TypeScript loader). Lighthouse's
// gather and audit phases run synchronous work for seconds at a time; in a thread of their own they never stall the
// audit's event loop (the fetcher's timers, the other sites in flight). One run at a time: the parent queues them.
// Message in: { id, url, port, flags, config }; out: { id, ok: true, value: { score, version, failedAudits } } or
// { id, ok: false, error }.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', async ({ id, url, port, config }) => {
  try {
    const { default: lighthouse } = await import('lighthouse');
    const result = await lighthouse(url, { port, hostname: '127.0.0.1', output: 'json', logLevel: 'error' }, config);
    const lhr = result?.lhr;
    if (!lhr) throw new Error('Lighthouse returned no result');
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const category = lhr.categories.accessibility;
    if (!category || typeof category.score !== 'number') throw new Error('Lighthouse gave no accessibility score');
    const failedAudits = category.auditRefs
      .map((ref) => lhr.audits[ref.id])
      .filter((a) => a && a.score === 0)
      .map((a) => ({ id: a.id, title: a.title }));
    parentPort.postMessage({ id, ok: true, value: { score: Math.round(category.score * 100), version: lhr.lighthouseVersion, failedAudits } });
  } catch (e) {
    parentPort.postMessage({ id, ok: false, error: String(e?.message ?? e) });
  }
});
