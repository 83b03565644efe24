// The bundled demo district: the fixture sites served on loopback with their deliberate faults, and the demo config
// pointing at them (fixtures/demo/district.json, which pins its own clock). Commands run without --config use it
// (`npm start`). This is the only product module that imports fixtures/.
import { join } from 'node:path';
import { parseConfig } from '../config/load.ts';
import type { DistrictConfig } from '../config/schema.ts';

export interface Demo {
  config: DistrictConfig;
  /** Stops the fixture server. */
  stop(): Promise<void>;
}

/** Starts the demo district's fixture server and returns its validated config. */
export async function startDemo(): Promise<Demo> {
  const { fixturesRoot, startFixtureServer } = await import('../fixtures/server.ts');
  const server = await startFixtureServer();
  const config = parseConfig(server.config(), join(fixturesRoot, 'demo', 'district.json'));
  return { config, stop: () => server.close() };
}
