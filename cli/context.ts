// Shared wiring for commands: the config (or the bundled demo district with its fixture server) and the store.
import { fileURLToPath } from 'node:url';
import { loadConfig, parseConfig } from '../config/load.ts';
import type { DistrictConfig } from '../config/schema.ts';
import { openStore, storeLocation } from '../store/open.ts';
import type { Store } from '../store/types.ts';

export interface Loaded {
  config: DistrictConfig;
  /** Stops the demo fixture server, when one was started. */
  stopDemo?: () => Promise<void>;
  demo: boolean;
}

/** Loads `--config`, or starts the demo district's fixture server and uses its config. */
export async function loadConfigOrDemo(file: string | undefined): Promise<Loaded> {
  if (file) return { config: await loadConfig(file), demo: false };
  const { startFixtureServer } = await import('../fixtures/server.ts');
  const server = await startFixtureServer();
  const config = parseConfig(server.config(), fileURLToPath(new URL('../fixtures/demo/district.json', import.meta.url)));
  return { config, stopDemo: () => server.close(), demo: true };
}

export async function openStoreFor(config: DistrictConfig | undefined, data: string | undefined): Promise<Store> {
  return openStore(storeLocation({ data, config }));
}
