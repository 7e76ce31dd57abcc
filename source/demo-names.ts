// The bundled demos `--demo NAME` can run (`--demo` alone is the Flask one).
export const demoNames = ['flask', 'django'] as const;
export type DemoName = (typeof demoNames)[number];

export function isDemoName(name: string): name is DemoName {
	return (demoNames as readonly string[]).includes(name);
}
