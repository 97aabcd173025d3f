/**
 * Two projects: `unit` (files named *.unit.test.ts: pure rules and parsers, no database, no
 * browser, a few seconds) and `integration` (everything else: the real service over HTTP on a
 * real PostgreSQL at TEST_DATABASE_URL, each test file on a database of its own, and Chromium).
 * `npx jest --selectProjects unit` runs the first alone, on a machine with no PostgreSQL.
 */
const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  transform: {
    '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  // ESM-only packages are transpiled for Jest's CommonJS runtime.
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
};

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.unit.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['**/*.test.ts'], testPathIgnorePatterns: ['\\.unit\\.test\\.ts$'], globalSetup: '<rootDir>/tests/support/globalSetup.ts' },
  ],
};
