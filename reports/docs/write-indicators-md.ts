// Writes docs/indicators.md from the indicator catalogue: `node bin/run-ts.mjs reports/docs/write-indicators-md.ts`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { indicatorsMarkdown } from './indicators-md.ts';

const file = fileURLToPath(new URL('../../docs/indicators.md', import.meta.url));
writeFileSync(file, indicatorsMarkdown());
console.log(`wrote ${file}`);
