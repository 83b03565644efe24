// Test child: launches one browser the product's way (registry: GOVAUDIT_BROWSER_REGISTRY), prints its pid and
// profile folder as one JSON line, then waits to be killed.
import { findChrome } from '../../browser/chrome-path.ts';
import { launchBrowser } from '../../browser/launch.ts';

const executablePath = findChrome();
if (!executablePath) throw new Error('no Chromium');
const launched = await launchBrowser({ executablePath, desktop: { resolve: {} } });
process.stdout.write(`${JSON.stringify({ pid: launched.browser.process()?.pid, userDataDir: launched.userDataDir })}\n`);
setInterval(() => undefined, 60_000);
