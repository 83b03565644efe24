// Child process of concurrent-open.test.ts: waits for the agreed instant (so the processes open together, not one
// tsx start-up apart), then opens the SQLite store in the given folder, reads it and closes it.
import { setTimeout as delay } from 'node:timers/promises';
import { openSqliteStore } from '../../store/sqlite.ts';

const [dir, at] = process.argv.slice(2);
await delay(Math.max(0, Number(at) - Date.now()));
const store = openSqliteStore(dir);
await store.listRuns();
await store.close();
