/** Jest runs the TypeScript sources directly as ESM through ts-jest. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    // @actions/workflow-parser (the differential tests' oracle) imports its JSON schemas without
    // `with { type: 'json' }`, which jest warns about once per test file: read them through a shim.
    '^\\.\\./(workflow|action)-v1\\.0\\.min\\.json$': '<rootDir>/tests/support/workflow-parser-json/$1.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  // isolatedModules (transpile each file alone, no type check here: `npm run typecheck` does that)
  // comes from tsconfig.json, where ts-jest 29.2+ wants it.
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }],
  },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  collectCoverageFrom: ['shared/**/*.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  testTimeout: 30000,
  // One temp dir per run, removed at its end (tests/support/run-tmpdir.mjs).
  globalSetup: '<rootDir>/tests/support/run-tmpdir-setup.mjs',
  globalTeardown: '<rootDir>/tests/support/run-tmpdir-teardown.mjs',
  // On two cores jest runs every suite inside its own main process (one worker means "in band"), and ESM
  // modules loaded through vm-modules are never freed: the whole run reached V8's 4 GB heap limit
  // and died (session 11). A memory limit makes jest use a worker and start a fresh one whenever it
  // holds more than this after a test file.
  workerIdleMemoryLimit: '1GB',
};
