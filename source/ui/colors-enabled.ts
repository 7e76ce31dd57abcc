// NO_COLOR (https://no-color.org), in a module of its own: the boot frame asks it before
// React has loaded.

export function colorsEnabled(env: Record<string, string | undefined>): boolean {
	return env.NO_COLOR === undefined || env.NO_COLOR === '';
}
