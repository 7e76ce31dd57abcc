// The project's dockwiz settings, from `[tool.dockwiz]` in pyproject.toml or a `.dockwiz.toml`:
// checked key by key, so a mistake is an error naming the file and the key, never a setting
// silently dropped. Pure: the parsed TOML in, the settings or the error out.

import {imageMinors} from '../analysis/python-version.js';
import {orList} from '../options.js';
import {baseFlavors, type BaseFlavor, type Severity} from '../types.js';
import {parseRatio, parseSeconds, parseSize} from './limits.js';
import type {BudgetLimits, RuleSettings} from './types.js';

export type ProjectConfig = {
	/** The file it came from, relative to the project. */
	file: string;
	base?: BaseFlavor;
	python?: string;
	port?: number;
	budgets: BudgetLimits;
	rules: RuleSettings;
};

export type ConfigResult = {ok: true; config: ProjectConfig} | {ok: false; message: string};

type Table = Record<string, unknown>;

const isTable = (value: unknown): value is Table => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

const topKeys = ['base', 'python', 'port', 'ignored', 'override', 'trusted-registries', 'budgets'] as const;
const budgetKeys = ['max-size', 'max-ratio', 'max-rebuild', 'max-wasted', 'no-root', 'no-error-findings', 'smoke', 'image'] as const;
// hadolint's `style` has no dockwiz severity of its own: it is reported as info.
const overrideLevels: Record<string, Severity> = {error: 'error', warning: 'warning', info: 'info', style: 'info'};
// hadolint's DL/SC/DW-like ids; any well-formed id is accepted, so a .hadolint.yaml's list carries over.
const ruleId = /^[A-Z]{2}\d{3,4}$/;

class ConfigError extends Error {}

/**
 * Validates the dockwiz table. `prefix` is how keys are named in messages: `tool.dockwiz`
 * in pyproject.toml, nothing in .dockwiz.toml.
 */
export function readConfigTable(table: Table, file: string, prefix: string): ConfigResult {
	const keyName = (key: string) => (prefix ? `${prefix}.${key}` : key);
	const fail = (key: string, problem: string): never => {
		throw new ConfigError(`${file}: ${keyName(key)} ${problem}`);
	};

	const stringList = (key: string, value: unknown): string[] => {
		if (!Array.isArray(value) || !value.every(item => typeof item === 'string')) fail(key, `must be a list of strings, e.g. ${key.split('.').at(-1)} = ["DL3008"].`);
		return value as string[];
	};

	const ruleList = (key: string, value: unknown): string[] => {
		const ids = stringList(key, value).map(id => id.trim().toUpperCase());
		const bad = ids.find(id => !ruleId.test(id));
		if (bad !== undefined) fail(key, `has "${bad}", which is not a rule id. Rule ids look like DL3008 or DW001 (docs/rules.md lists them).`);
		return ids;
	};

	try {
		const unknown = Object.keys(table).find(key => !(topKeys as readonly string[]).includes(key));
		if (unknown !== undefined) fail(unknown, `is not a setting dockwiz knows. Use ${orList([...topKeys])}.`);

		const config: ProjectConfig = {file, budgets: {}, rules: {ignored: [], override: {}, trustedRegistries: []}};
		if (table.base !== undefined) {
			if (typeof table.base !== 'string' || !(baseFlavors as readonly string[]).includes(table.base)) fail('base', `= ${JSON.stringify(table.base)} is not a base flavor dockwiz knows. Use ${orList(baseFlavors.map(flavor => `"${flavor}"`))}.`);
			config.base = table.base as BaseFlavor;
		}

		if (table.python !== undefined) {
			// TOML reads python = 3.10 as the number 3.1: only a string says the version exactly.
			if (typeof table.python !== 'string') fail('python', `= ${String(table.python)} must be a string in quotes (TOML reads 3.10 as the number 3.1). Write e.g. python = "3.12".`);
			if (!(imageMinors as readonly string[]).includes(table.python as string)) fail('python', `= "${String(table.python)}" is not a Python version dockwiz can build. Use ${orList(imageMinors.map(minor => `"${minor}"`))}.`);
			config.python = table.python as string;
		}

		if (table.port !== undefined) {
			const port = table.port;
			if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65_535) fail('port', `= ${JSON.stringify(port)} is not a port. Give a whole number from 1 to 65535, e.g. port = 8000.`);
			config.port = port as number;
		}

		if (table.ignored !== undefined) config.rules.ignored = ruleList('ignored', table.ignored);

		if (table.override !== undefined) {
			if (!isTable(table.override)) fail('override', 'must be a table of severities, e.g. override = {error = ["DL3009"], info = ["DW007"]}.');
			for (const [level, ids] of Object.entries(table.override as Table)) {
				const severity = overrideLevels[level];
				if (severity === undefined) fail(`override.${level}`, `is not a severity. Use ${orList(Object.keys(overrideLevels))}.`);
				for (const id of ruleList(`override.${level}`, ids)) config.rules.override[id] = severity;
			}
		}

		if (table['trusted-registries'] !== undefined) {
			const registries = stringList('trusted-registries', table['trusted-registries']).map(registry => registry.trim().toLowerCase());
			const bad = registries.find(registry => registry === '' || /[\s/]/.test(registry));
			if (bad !== undefined) fail('trusted-registries', `has "${bad}", which is not a registry host. Give hosts, e.g. trusted-registries = ["docker.io", "ghcr.io"].`);
			config.rules.trustedRegistries = registries;
		}

		if (table.budgets !== undefined) {
			if (!isTable(table.budgets)) fail('budgets', 'must be a table, e.g. [tool.dockwiz.budgets] with max-size = "200MB".');
			config.budgets = readBudgets(table.budgets as Table, fail);
		}

		return {ok: true, config};
	} catch (error) {
		if (error instanceof ConfigError) return {ok: false, message: error.message};
		throw error;
	}
}

function readBudgets(table: Table, fail: (key: string, problem: string) => never): BudgetLimits {
	const budgets: BudgetLimits = {};
	for (const [key, value] of Object.entries(table)) {
		const name = `budgets.${key}`;
		const scalar = typeof value === 'string' || typeof value === 'number';
		switch (key) {
			case 'max-size': {
				const bytes = scalar ? parseSize(value) : null;
				budgets.maxSizeBytes = bytes ?? fail(name, `= ${JSON.stringify(value)} is not a size. Give one with its unit, e.g. max-size = "200MB".`);
				break;
			}

			case 'max-ratio': {
				const ratio = scalar ? parseRatio(value) : null;
				budgets.maxRatio = ratio ?? fail(name, `= ${JSON.stringify(value)} is not a ratio. Give the largest after/before size ratio allowed, e.g. max-ratio = 0.5.`);
				break;
			}

			case 'max-rebuild': {
				const seconds = scalar ? parseSeconds(value) : null;
				budgets.maxRebuildSeconds = seconds ?? fail(name, `= ${JSON.stringify(value)} is not a duration. Give seconds with their unit, e.g. max-rebuild = "5s".`);
				break;
			}

			case 'max-wasted': {
				const bytes = scalar ? parseSize(value) : null;
				budgets.maxWastedBytes = bytes ?? fail(name, `= ${JSON.stringify(value)} is not a size. Give one with its unit, e.g. max-wasted = "10MB".`);
				break;
			}

			case 'no-root':
			case 'no-error-findings':
			case 'smoke': {
				if (typeof value !== 'boolean') fail(name, `= ${JSON.stringify(value)} must be true or false, e.g. ${key} = false to turn it off.`);
				budgets[key === 'no-root' ? 'noRoot' : key === 'smoke' ? 'smoke' : 'noErrorFindings'] = value as boolean;
				break;
			}

			case 'image': {
				if (value !== 'project' && value !== 'proposal') fail(name, `= ${JSON.stringify(value)} must be "project" (the project's own Dockerfile) or "proposal" (dockwiz's).`);
				budgets.image = value as 'project' | 'proposal';
				break;
			}

			default: {
				fail(name, `is not a budget dockwiz knows. Use ${orList([...budgetKeys])}.`);
			}
		}
	}

	return budgets;
}
