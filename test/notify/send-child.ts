// Child process of delivery.test.ts: the service's sender, killed mid-send by the test. Reads the district config
// (JSON in argv[2]) and the store folder (argv[3]); secrets from its environment; dispatches the outbox once.
import { parseConfig } from '../../config/load.ts';
import { createNotifier } from '../../notify/outbox.ts';
import { openSqliteStore } from '../../store/sqlite.ts';

const [configJson, dir] = process.argv.slice(2);
const config = parseConfig(JSON.parse(configJson), '/tmp/govaudit-notify-test/district.json');
const store = openSqliteStore(dir);
const notifier = createNotifier({ config, store });
process.stdout.write('dispatching\n');
await notifier.dispatch();
await notifier.close();
await store.close();
