// The prepare-step contract: a step run once before an audit's sites are gathered. Steps import their type from
// here, never from the registry (prepare.ts), so the registry and its members form no circle.
import type { DistrictConfig } from '../config/schema.ts';
import type { Store } from '../store/types.ts';

export interface PrepareContext {
  config: DistrictConfig;
  store: Store;
  now: Date;
}

export interface PrepareStep {
  id: string;
  run(ctx: PrepareContext): Promise<string[]>;
}
