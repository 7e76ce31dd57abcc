// Which Dockerfile features only BuildKit understands; with one of them the classic
// builder would fail, so dockwiz builds with BuildKit for both sides (same builder).

const flagNeeds: Record<string, Record<string, string>> = {
	RUN: {mount: '`RUN --mount`', network: '`RUN --network`', security: '`RUN --security`'},
	COPY: {link: '`COPY --link`', chmod: '`COPY --chmod`', exclude: '`COPY --exclude`', parents: '`COPY --parents`'},
	ADD: {link: '`ADD --link`', chmod: '`ADD --chmod`', exclude: '`ADD --exclude`', checksum: '`ADD --checksum`', keep: '`ADD --keep-git-dir`'},
};

// An instruction's own flags come right after the keyword; `--x` later on is the command's.
const instructionFlags = /^\s*(RUN|COPY|ADD)((?:\s+--[\w-]+(?:=\S*)?)*)/gim;

/** The BuildKit-only feature a Dockerfile uses, or null when the classic builder can build it. */
export function buildkitNeed(dockerfile: string): string | null {
	if (/^\s*#\s*syntax\s*=/im.test(dockerfile.split(/\n(?!\s*#)/)[0] ?? '')) {
		return 'a `# syntax=` directive';
	}

	for (const match of dockerfile.matchAll(instructionFlags)) {
		const keyword = match[1].toUpperCase();
		for (const flag of match[2].matchAll(/--([\w-]+)/g)) {
			const name = flag[1].toLowerCase().replace(/-git-dir$/, '');
			const need = flagNeeds[keyword]?.[name];
			if (need) {
				return need;
			}
		}
	}

	if (/^\s*(?:RUN|COPY)\b[^\n]*<<-?\s*["']?[A-Za-z_]/im.test(dockerfile)) {
		return 'a heredoc';
	}

	return null;
}
