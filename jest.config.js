/**
 * Tests are TypeScript run through SWC (fast, no type-check: `npm test` runs tsc first for that).
 * d3-contour and its d3-array/internmap dependencies ship only ES modules: SWC turns them into
 * CommonJS for jest, which cannot load ES modules through require (Node itself can, from 20.19).
 */
const { availableParallelism } = require('node:os');

const ESM_ONLY = ['d3-contour', 'd3-array', 'internmap'];

module.exports = {
  testEnvironment: 'node',
  // One worker more than there are cores: several suites mostly wait on child processes (npm
  // pack and install, spawned CLIs, benchmark workers), not on the CPU.
  maxWorkers: availableParallelism() + 1,
  // A guard against hangs, not a speed check: some tests train seven optimizers and draw their
  // charts, which on a shared machine under load can outlast jest's default.
  testTimeout: 30_000,
  roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>/packages/torch'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(ts|js|mjs)$': ['@swc/jest'] },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json', 'node'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  reporters: ['default', '<rootDir>/test/summaryReporter.js'],
};
