// The analysis API: pure reading of a project folder (no Docker, no writes).
export {scanProject} from './scan-project.js';
export {defaultPort} from './defaults.js';
export {walkContext, type ContextWalk, type WalkProblem} from './context-walk.js';
export {auditContext, largestEntries, secretPaths, type ContextAuditResult} from './context-audit.js';
export {ignoreRules, dockerignorePatterns, type IgnoreRules} from './ignore-rules.js';
export {isLikelySecret} from './secrets.js';
export {nativeNeeds} from './native-needs.js';
export {defaultPython, supportedMinors, newestSatisfying, minorSatisfies} from './python-version.js';
export {parseRequirement, normalizeName} from './requirement.js';
export {maskSecrets, maskStrings} from './mask-secrets.js';
export {readProjectFile, resolveInProject, folderInProject, projectRelative, type ReadOutcome} from './project-reader.js';
