/**
 * @bedside/analysis — sentiment, topics and urgency of reviews, comments and mentions.
 * Pure TypeScript with no I/O: the model ships as a generated module (src/model/weights.gen.ts,
 * rebuilt by `npm run train -w @bedside/analysis`).
 */
export * from './types.js';
export { analyze, MAX_URGENCY_CHARS } from './analyze.js';
export { AnalysisInputError } from './errors.js';
export { TOPIC_RULES } from './topics/topic-rules.js';
export { URGENCY_RULES, type UrgencyRule } from './urgency/urgency-rules.js';
