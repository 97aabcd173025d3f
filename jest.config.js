/** Integration tests talk to the real PostgreSQL in TEST_DATABASE_URL; each test file gets its own database. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  // ESM-only packages are transpiled for Jest's CommonJS runtime.
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
  testTimeout: 60000,
  globalSetup: '<rootDir>/tests/support/globalSetup.ts',
};
