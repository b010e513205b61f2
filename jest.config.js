/** Jest runs the TypeScript sources directly as ESM through ts-jest. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // isolatedModules (transpile each file alone, no type check here: `npm run typecheck` does that)
  // comes from tsconfig.json, where ts-jest 29.2+ wants it.
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }],
  },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  collectCoverageFrom: ['shared/**/*.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  testTimeout: 30000,
};
