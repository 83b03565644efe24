// Writes docs/reference/finding-codes.md: `node bin/run-ts.mjs reports/docs/write-finding-codes-md.ts`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findingCodesMarkdown } from './finding-codes-md.ts';

const file = fileURLToPath(new URL('../../docs/reference/finding-codes.md', import.meta.url));
writeFileSync(file, findingCodesMarkdown());
console.log(`wrote ${file}`);
