import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ignores: ['dist/**', 'node_modules/**', '.cache/**', 'bench/out/**', '**/.*.mts', 'test/fixtures/**', 'demo/**', 'media/**']},
	js.configs.recommended,
	...tseslint.configs.recommended,
	// The rules of hooks and exhaustive dependencies, plus the compiler's checks (no setState
	// during render, no ref reads during render...), for every component and hook.
	{
		files: ['**/*.{ts,tsx}'],
		...reactHooks.configs.flat['recommended-latest'],
		rules: {
			...reactHooks.configs.flat['recommended-latest'].rules,
			// A missing dependency is a stale value at run time: an error, not a hint.
			'react-hooks/exhaustive-deps': 'error',
		},
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
		},
	},
);
