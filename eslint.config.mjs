// @ts-check
import eslint from '@eslint/js'
import tseslint from 'typescript-eslint'

const nodeGlobals = {
  process: 'readonly',
  console: 'readonly',
  Buffer: 'readonly',
  URL: 'readonly',
  URLSearchParams: 'readonly',
  fetch: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
  setInterval: 'readonly',
  clearInterval: 'readonly',
  setImmediate: 'readonly',
  performance: 'readonly',
  AbortController: 'readonly',
  AbortSignal: 'readonly',
  TextEncoder: 'readonly',
  TextDecoder: 'readonly',
  Response: 'readonly',
  Request: 'readonly',
  Headers: 'readonly',
  FormData: 'readonly',
  Blob: 'readonly',
  File: 'readonly',
  crypto: 'readonly',
  structuredClone: 'readonly',
  queueMicrotask: 'readonly',
  atob: 'readonly',
  WebSocket: 'readonly',
  btoa: 'readonly',
}

const browserGlobals = {
  window: 'readonly',
  document: 'readonly',
  location: 'readonly',
  navigator: 'readonly',
  localStorage: 'readonly',
  sessionStorage: 'readonly',
  WebSocket: 'readonly',
  EventSource: 'readonly',
  HTMLElement: 'readonly',
  Node: 'readonly',
  Event: 'readonly',
  CustomEvent: 'readonly',
  MutationObserver: 'readonly',
  Notification: 'readonly',
  Audio: 'readonly',
  requestAnimationFrame: 'readonly',
  htmx: 'readonly',
  AudioContext: 'readonly',
  DOMParser: 'readonly',
  getComputedStyle: 'readonly',
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.wrangler/',
      'bench/.build/',
      'test-artifacts/',
      'worker-configuration.d.ts',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // TypeScript already reports undefined names, with the Workers types in scope.
      'no-undef': 'off',
      // Numbers and booleans read fine in messages and SQL; objects and nullish values do not.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // The conversation keeps a parsed copy of its state row; a transaction that throws must drop
    // it, which `transact` (src/conversation/state.ts) does.
    files: ['src/**/*.ts'],
    ignores: ['src/conversation/state.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { property: 'transactionSync', message: 'Use transact() from src/conversation/state.ts.' },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**', 'bots/*/contract.ts'],
    rules: {
      // Tests read platform fakes and JSON bodies whose shape the assertion beside them checks;
      // typing each `res.json()` and stand-in twice would add noise, not safety.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Node scripts, the browser's own scripts and the bench's workers sit outside the
    // TypeScript project: linted for mistakes, without type information.
    files: ['**/*.mjs', '**/*.js', 'bench/workers/**'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { ...nodeGlobals },
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    rules: { 'no-undef': 'error' },
  },
  {
    // The itty-durable comparison imports an untyped package on purpose.
    files: ['bench/workers/**'],
    rules: {
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-nocheck': 'allow-with-description' }],
    },
  },
  {
    files: ['public/**/*.js', 'test/browser/**'],
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { ...nodeGlobals, ...browserGlobals },
    },
  }
)
