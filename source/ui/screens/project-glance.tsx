// The project at a glance: the facts the proposal is built on, each with where it came from.

import {Box, Text} from 'ink';
import type {ProjectReport} from '../../types.js';
import {formatBytes} from '../../report/format.js';
import {frameworkEvidenceOf} from '../../report/framework-evidence.js';
import {useColor} from '../theme.js';

function Fact({label, value, source}: {label: string; value: string; source?: string}) {
	return (
		<Text wrap="truncate-end">
			<Text dimColor>{label.padEnd(11)}</Text>
			<Text bold>{value}</Text>
			{source ? <Text dimColor> {source}</Text> : null}
		</Text>
	);
}

/** Why the framework is what it is, for a framework found by its files (Django: manage.py, the settings module). */
function frameworkWhy(report: ProjectReport): string {
	if (report.framework !== 'django') return '';
	const facts = report.django;
	return `; found by ${facts?.manage ?? report.frameworkEvidence[0]?.file ?? 'its files'}${facts?.settingsModule ? `, settings ${facts.settingsModule} (${facts.settingsSource})` : ''}`;
}

export function glanceLines(report: ProjectReport): number {
	return 6 + (report.context.secrets.length > 0 ? 1 : 0);
}

export function ProjectGlance({report, wsgiTarget}: {report: ProjectReport; wsgiTarget: string | null}) {
	const color = useColor();
	const deps = report.dependencies;
	const names = deps.packages.map(pkg => pkg.name);
	const packages = names.length === 0 ? 'no packages' : `${names.slice(0, 4).join(', ')}${names.length > 4 ? ` +${names.length - 4}` : ''}`;
	const context = report.context;
	const dockerfile = report.dockerfile ? report.dockerfile.path : 'none yet (dockwiz will write one)';
	const asgi = report.framework === 'fastapi';
	// Why this framework: the first line that shows it (for ASGI apps, where the rest of the screen says less).
	const why = asgi ? frameworkEvidenceOf(report)[0] : undefined;
	return (
		<Box flexDirection="column">
			<Fact
				label="App"
				value={`${report.framework === 'unknown' ? 'no framework found' : `${report.framework}${asgi ? ' (ASGI)' : ''}`} → ${wsgiTarget ?? `no ${asgi ? 'ASGI' : 'WSGI'} target found`}${(asgi ? !report.asgiTarget : report.wsgiTarget === null) && report.wsgiCandidates.length === 0 ? ' (assumed: no app object was found)' : ''}`}
				source={`${report.server ? `server: ${report.server}` : `no ${asgi ? 'ASGI' : 'WSGI'} server in the dependencies`}${why ? `; ${why.file}${why.line ? `:${why.line}` : ''} ${why.detail}` : frameworkWhy(report)}`}
			/>
			<Fact label="Python" value={report.python.version} source={`from ${report.python.source}`} />
			<Fact label="Deps" value={`${deps.manager} (${deps.files.join(', ') || 'no file'})`} source={packages} />
			<Fact label="Port" value={String(report.port)} source={`from ${report.portSource}`} />
			<Fact
				label="Context"
				value={`${formatBytes(context.bytes)} in ${context.files.toLocaleString('en-US')} files`}
				source={`sent to Docker on every build${context.ignoredBytes > 0 ? `; ${formatBytes(context.ignoredBytes)} already ignored` : ''}`}
			/>
			<Fact label="Dockerfile" value={dockerfile} source={report.dockerignore ? `with ${report.dockerignore.path}` : 'no .dockerignore'} />
			{context.secrets.length > 0 ? (
				<Text wrap="truncate-end" color={color('red')}>
					{'Secrets'.padEnd(11)}
					{context.secrets.slice(0, 4).join(', ')} would be copied into the image
				</Text>
			) : null}
		</Box>
	);
}
