// Shared wiring for commands: the config (or the bundled demo district, demo/) and the store.
import { loadConfig } from '../config/load.ts';
import type { DistrictConfig } from '../config/schema.ts';
import { startDemo } from '../demo/index.ts';
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
  const demo = await startDemo();
  return { config: demo.config, stopDemo: demo.stop, demo: true };
}

export async function openStoreFor(config: DistrictConfig | undefined, data: string | undefined): Promise<Store> {
  return openStore(storeLocation({ data, config }));
}
