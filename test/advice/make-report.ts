import type {ProjectReport} from '../../source/types.js';

type Overrides = Omit<Partial<ProjectReport>, 'dependencies' | 'context' | 'python'> & {
	dependencies?: Partial<ProjectReport['dependencies']>;
	context?: Partial<ProjectReport['context']>;
	python?: ProjectReport['python'];
};

/** Shared by the advice, report and UI tests: a ProjectReport for a small Flask app (app.py + requirements.txt with flask), with overrides. */
export function makeReport(overrides: Overrides = {}): ProjectReport {
	const {dependencies, context, ...rest} = overrides;
	return {
		root: '/project',
		framework: 'flask',
		frameworkEvidence: [],
		wsgiTarget: 'app:app',
		asgiTarget: null,
		wsgiCandidates: [{target: 'app:app', kind: 'instance', score: 10, evidence: [{file: 'app.py', line: 3, detail: 'app = Flask(__name__)'}]}],
		python: {version: '3.11', source: 'default'},
		server: null,
		port: 8000,
		portSource: 'default',
		nativeNeeds: [],
		dockerfile: null,
		dockerignore: null,
		sourceFiles: ['app.py'],
		problems: [],
		...rest,
		dependencies: {
			manager: 'pip',
			files: ['requirements.txt'],
			packages: [{name: 'flask', spec: '', extras: [], file: 'requirements.txt', line: 1}],
			...dependencies,
		},
		context: {bytes: 2048, files: 2, ignoredBytes: 0, ignoredFiles: 0, largest: [], secrets: [], ...context},
	};
}
