// The advice: pure functions from a ProjectReport to findings and a proposal.
export {lintDockerfile, findingsFor} from './lint.js';
export {defaultChoices} from './choices.js';
export {propose} from './propose.js';
export {naiveBaseline} from './baseline.js';
export {rules} from './rules/index.js';
export {renderRulesDoc} from './rules-doc.js';
export {ignoredFiles} from './dockerignore.js';
export {unifiedDiff} from './diff.js';
export {parseDockerfile} from './parse-dockerfile.js';
export type {Rule, RuleHit, LintContext} from './rule.js';
export {examplesOf} from './rule.js';
export {hintsFor, failureRules} from './failure-hints/index.js';
export type {FailureHint, FailureInput, FailurePhase} from './failure-hints/index.js';
export {smokeEnvironment, smokePlaceholder} from './required-env.js';
