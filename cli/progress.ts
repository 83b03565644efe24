// Turns audit events into progress output: a one-line bar on a TTY, plain lines otherwise.
import type { AuditEvent } from '../scheduler/audit.ts';

export function createProgress(stream: NodeJS.WriteStream = process.stderr): { onEvent: (e: AuditEvent) => void; done: () => void } {
  const tty = Boolean(stream.isTTY);
  let pages = 0;
  let sitesDone = 0;
  let sitesTotal = 0;
  let lastDraw = 0;
  const draw = (force = false) => {
    if (!tty) return;
    const now = Date.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    const width = 20;
    const filled = sitesTotal ? Math.round((sitesDone / sitesTotal) * width) : 0;
    stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] sites ${sitesDone}/${sitesTotal}  pages ${pages}   `);
  };
  return {
    onEvent(e) {
      switch (e.type) {
        case 'run-start':
          sitesTotal = e.sites.length;
          if (!tty) stream.write(`run ${e.runId}: auditing ${e.sites.length} site(s)\n`);
          draw(true);
          break;
        case 'page':
          pages++;
          draw();
          break;
        case 'site-scored':
          sitesDone++;
          if (tty) stream.write('\r\x1b[K');
          stream.write(e.error && !e.verdict ? `site ${e.siteId}: failed: ${e.error}\n` : `site ${e.siteId}: ${e.pages} pages, ${e.links} links, ${e.findings} findings, score ${e.score} ${e.verdict}${e.error ? ` (${e.error})` : ''}\n`);
          draw(true);
          break;
        default:
          break;
      }
    },
    done() {
      if (tty) stream.write('\r\x1b[K');
    },
  };
}
