// One flow for both faces: the wizard (ui/app.tsx) and the headless run (headless.ts).
export * from './decisions.js';
export * from './steps.js';
export * from './run.js';
export * from './explain-step.js';
