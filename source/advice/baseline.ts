import type {ProjectReport} from '../types.js';

/**
 * The naive Dockerfile used as the *before* when the project has none: what a first attempt
 * usually looks like (full image, code copied before the install, development server).
 */
export function naiveBaseline(report: ProjectReport, python: string): string {
	const install = (() => {
		switch (report.dependencies.manager) {
			case 'pip': {
				const file = report.dependencies.files.find(candidate => candidate.endsWith('requirements.txt')) ?? report.dependencies.files[0] ?? 'requirements.txt';
				return `pip install -r ${file}`;
			}

			case 'poetry': {
				return 'pip install poetry && poetry config virtualenvs.create false && poetry install --only main --no-root';
			}

			case 'pipenv': {
				return 'pip install pipenv && pipenv install --system --deploy';
			}

			case 'uv': {
				return 'pip install uv && uv pip install --system -r pyproject.toml';
			}

			case 'pdm':
			case 'pyproject': {
				return 'pip install .';
			}

			case 'none': {
				return report.framework === 'flask' ? 'pip install flask' : 'pip install -r requirements.txt';
			}
		}
	})();
	const module = (report.wsgiTarget ?? 'app:app').split(':')[0].replaceAll('.', '/');
	const entry = report.sourceFiles.includes(`${module}.py`) ? `${module}.py` : report.sourceFiles.find(file => /(^|\/)(app|main|wsgi|run|server)\.py$/.test(file)) ?? 'app.py';
	return [`FROM python:${python}`, 'WORKDIR /app', 'COPY . .', `RUN ${install}`, `EXPOSE ${report.port}`, `CMD ["python", ${JSON.stringify(entry)}]`, ''].join('\n');
}
