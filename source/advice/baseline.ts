import type {ProjectReport} from '../types.js';
import {naiveAsgiBaseline} from './asgi-baseline.js';

/**
 * The naive Dockerfile used as the *before* when the project has none: what a first attempt
 * usually looks like (full image, code copied before the install, development server, root).
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
				return report.framework === 'flask' ? 'pip install flask' : report.framework === 'fastapi' ? 'pip install fastapi uvicorn' : 'pip install -r requirements.txt';
			}
		}
	})();
	if (report.framework === 'fastapi') {
		return naiveAsgiBaseline(report, python, install);
	}

	const lines = [`FROM python:${python}`, 'WORKDIR /app', 'COPY . .', `RUN ${install}`, `EXPOSE ${report.port}`];
	const target = report.wsgiTarget ?? report.wsgiCandidates[0]?.target;
	if (report.framework === 'flask' && target) {
		// Flask's development server, as a first attempt runs it, but told where to listen: a
		// bare `python app.py` serves 127.0.0.1:5000 unless the script says otherwise, and the
		// measured comparison needs a *before* that answers on the app's port.
		const chdir = report.wsgiCandidates.find(candidate => candidate.target === target)?.chdir?.replace(/^\.?\/+|\/+$/g, '');
		const [module, attribute] = target.split(':');
		const app = chdir && chdir !== '.' ? `${chdir}/${module.replaceAll('.', '/')}.py:${attribute}` : target;
		lines.push(`ENV FLASK_APP=${JSON.stringify(app)}`, `CMD ["flask", "run", "--host", "0.0.0.0", "--port", "${report.port}"]`);
	} else if (report.framework === 'django' && report.django?.manage) {
		// Django's development server, as a first attempt runs it.
		lines.push(`CMD ["python", ${JSON.stringify(report.django.manage)}, "runserver", "0.0.0.0:${report.port}"]`);
	} else {
		const module = (target ?? 'app:app').split(':')[0].replaceAll('.', '/');
		const entry = report.sourceFiles.includes(`${module}.py`) ? `${module}.py` : report.sourceFiles.find(file => /(^|\/)(app|main|wsgi|run|server)\.py$/.test(file)) ?? 'app.py';
		lines.push(`CMD ["python", ${JSON.stringify(entry)}]`);
	}

	return lines.join('\n') + '\n';
}
