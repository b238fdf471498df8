// Type-aware linting for every TypeScript file; Prettier owns the formatting (eslint-config-prettier
// switches off the rules that would fight it).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      'node_modules/**',
      '.scratch/**',
      'coverage/**',
      'output/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Loaded lazily on purpose: TF.js and its backends only when a run needs them (and the native
      // backend only where it is installed), the progress bar only on a terminal, Chart.js's layout
      // pass only for the trajectory chart. Everything else is an import.
      '@typescript-eslint/no-require-imports': [
        'error',
        { allow: ['^@tensorflow/', '^@optim-mirror/torch$', '^cli-progress$', '^chart\\.js/auto$'] },
      ],
    },
  },
  prettier,
);
