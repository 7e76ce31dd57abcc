import {defineConfig} from 'vitest/config';

// Two projects: `unit` needs no Docker; `engine` builds real images on a real engine,
// which test/setup/global-engine.ts brings up (or reuses) before any engine test runs.
export default defineConfig({
	test: {
		allowOnly: false,
		passWithNoTests: false,
		projects: [
			{
				test: {
					name: 'unit',
					// Ink renders differently when it believes it runs in CI (only the last frame).
					// The component tests check what a person sees; dockwiz itself never renders
					// Ink in CI (it prints plain lines), which the CLI tests check with CI=true.
					env: {CI: 'false'},
					include: ['test/**/*.test.{ts,tsx}'],
					exclude: ['test/**/*.engine.test.{ts,tsx}', 'test/fixtures/**', 'node_modules/**'],
					// Most take well under a second; some spawn the built CLI or a terminal several times,
					// which a machine whose two cores are busy with builds slows many times over.
					testTimeout: 60_000,
					// Set-up hooks write the demo (25 MB, thousands of files) or scan fixtures: vitest's 10 s
					// default is too short for that on a loaded machine.
					hookTimeout: 60_000,
				},
			},
			{
				test: {
					name: 'engine',
					include: ['test/**/*.engine.test.{ts,tsx}'],
					exclude: ['test/fixtures/**', 'node_modules/**'],
					globalSetup: ['test/setup/global-engine.ts'],
					// Builds share one engine and two cores: one file at a time keeps timings honest.
					fileParallelism: false,
					testTimeout: 600_000,
					hookTimeout: 1_800_000,
				},
			},
		],
	},
});
