// Writes docs/failure-hints.md from the hint modules: `node --import tsx scripts/gen-failure-hints-doc.ts`.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {failureRules, hintsFor, renderFailureHintsDoc} from '../source/advice/failure-hints/index.js';

const target = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'failure-hints.md');
fs.writeFileSync(target, renderFailureHintsDoc(failureRules, hintsFor));
console.log(`Wrote ${path.relative(process.cwd(), target)} (${failureRules.length} hints)`);
