// Writes docs/rules.md from the rule modules: `node --import tsx scripts/gen-rules-doc.ts`.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {renderRulesDoc, rules} from '../source/advice/index.js';

const target = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'rules.md');
fs.writeFileSync(target, renderRulesDoc(rules));
console.log(`Wrote ${path.relative(process.cwd(), target)} (${rules.length} rules)`);
