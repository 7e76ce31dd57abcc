// The budgets as people read them: lines for the plain summary, a table for the Markdown report.

import {formatBytes, formatRatio, formatSeconds} from '../report/format.js';
import type {Budget} from './types.js';

function limitText(budget: Budget): string {
	if (typeof budget.limit === 'boolean') return 'on';
	if (budget.name === 'max-size' || budget.name === 'max-wasted') return formatBytes(budget.limit);
	if (budget.name === 'max-rebuild') return formatSeconds(budget.limit);
	return formatRatio(budget.limit);
}

/** One line each: `PASS max-size  The image size of ... is 78 MB, within the budget of 200 MB`. */
export function budgetLines(budgets: Budget[]): string[] {
	const failed = budgets.filter(budget => !budget.ok).length;
	const head = failed === 0 ? `Budgets (${budgets.length}): all pass` : `Budgets (${budgets.length}): ${failed} failed`;
	const width = Math.max(...budgets.map(budget => budget.name.length));
	return [head, ...budgets.map(budget => `  ${budget.ok ? 'PASS' : 'FAIL'} ${budget.name.padEnd(width)}  ${budget.detail}`)];
}

function cell(text: string): string {
	return text.replaceAll('|', '\\|').replaceAll(/\r?\n/g, ' ');
}

/** `## Budgets` with a row per budget; '' when there are none (not a --ci run). */
export function budgetsMarkdown(budgets: Budget[] | undefined): string {
	if (!budgets || budgets.length === 0) return '';
	const failed = budgets.filter(budget => !budget.ok).length;
	return [
		'## Budgets',
		'',
		failed === 0 ? `All ${budgets.length} budgets pass.` : `**${failed} of ${budgets.length} budgets failed.**`,
		'',
		'| Budget | Result | Limit | Measured |',
		'| --- | --- | --- | --- |',
		...budgets.map(budget => `| ${budget.name} | ${budget.ok ? 'pass' : '**fail**'} | ${cell(limitText(budget))} | ${cell(budget.detail)} |`),
	].join('\n');
}
