// A bound on the files and folders the scan holds open at once. Reading every module of a
// project at the same moment opened thousands of files: under a low open-files limit
// (`ulimit -n 64`, common in containers and CI) most reads failed with EMFILE and were
// reported as unreadable. Queued reads wait for a free slot instead.

const maxOpen = 16;
let open = 0;
const waiting: Array<() => void> = [];

/** Runs `read` (which opens a file or folder and closes it before settling) when a slot is free. */
export async function withOpenFile<T>(read: () => Promise<T>): Promise<T> {
	if (open >= maxOpen) await new Promise<void>(resolve => waiting.push(resolve));
	open++;
	try {
		return await read();
	} finally {
		open--;
		waiting.shift()?.();
	}
}
