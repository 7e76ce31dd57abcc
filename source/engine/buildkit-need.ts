// Which Dockerfile features only BuildKit understands; with one of them the classic
// builder would fail, so dockwiz builds with BuildKit for both sides (same builder).

const needs: Array<[RegExp, string]> = [
	[/^\s*#\s*syntax\s*=/im, 'a `# syntax=` directive'],
	[/^\s*RUN\b[^\n]*--mount(?:=|\s)/im, '`RUN --mount`'],
	[/^\s*RUN\b[^\n]*--network(?:=|\s)/im, '`RUN --network`'],
	[/^\s*RUN\b[^\n]*--security(?:=|\s)/im, '`RUN --security`'],
	[/^\s*(?:COPY|ADD)\b[^\n]*--link\b/im, '`COPY --link`'],
	[/^\s*(?:COPY|ADD)\b[^\n]*--chmod(?:=|\s)/im, '`COPY --chmod`'],
	[/^\s*(?:COPY|ADD)\b[^\n]*--exclude(?:=|\s)/im, '`COPY --exclude`'],
	[/^\s*(?:RUN|COPY)\b[^\n]*<<-?\s*["']?[A-Za-z_]/im, 'a heredoc'],
];

/** The BuildKit-only feature a Dockerfile uses, or null when the classic builder can build it. */
export function buildkitNeed(dockerfile: string): string | null {
	for (const [pattern, what] of needs) {
		if (pattern.test(dockerfile)) {
			return what;
		}
	}

	return null;
}
