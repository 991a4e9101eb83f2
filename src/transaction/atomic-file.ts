/** Whole-file writes that a crash cannot leave half-written and a planted temporary file cannot redirect. */
export { writeFileAtomic } from '../fs/atomic-file.js';
