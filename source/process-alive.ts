// Whether a process of this machine still runs: signal 0 checks without sending anything.
// EPERM means it exists under another user, which counts as running.
export function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
