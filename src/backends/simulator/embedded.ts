/**
 * The simulator as the console embeds it for --simulate (src/backends/select-backend.ts). Here a re-export; in dist/
 * `npm run build` replaces it with the whole simulator bundled into one file (scripts/embed-simulator.mjs), which
 * Node loads much faster than its ~35 modules one by one.
 */
export { startSimulator } from './simulator.js';
