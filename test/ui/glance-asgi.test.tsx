import path from 'node:path';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {scanProject} from '../../source/analysis/scan-project.js';
import {ProjectGlance} from '../../source/ui/screens/project-glance.js';

// The wizard says which framework was found and why: the glance's first line for an ASGI app.
const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'fastapi');

describe('ProjectGlance on a FastAPI project', () => {
	it('names the framework, the ASGI target, the server and the line that showed the app', async () => {
		const report = await scanProject(path.join(fixtures, 'gunicorn-workers'));
		const {lastFrame} = render(<ProjectGlance report={report} wsgiTarget={report.asgiTarget ?? null} />);
		const first = (lastFrame() ?? '').split('\n')[0];
		expect(first).toMatch(/^App\s+fastapi \(ASGI\) → api\.main:app server: gunicorn; api\/main\.py:3 app = FastAPI\(\)$/);
	});

	it('a Flask project keeps its line as before', async () => {
		const report = await scanProject(path.join(import.meta.dirname, '..', 'fixtures', 'projects', 'article-app'));
		const {lastFrame} = render(<ProjectGlance report={report} wsgiTarget={report.wsgiTarget} />);
		expect((lastFrame() ?? '').split('\n')[0]).toMatch(/^App\s+flask → app:app (server: gunicorn|no WSGI server in the dependencies)$/);
	});
});
