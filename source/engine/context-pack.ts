import fs from 'node:fs';
import path from 'node:path';
import {PassThrough, Transform, type Readable} from 'node:stream';
import tar from 'tar-stream';
import type {ContextFile} from '../types.js';

// Packs the build context ourselves so the bytes sent are counted exactly, and so the
// proposed Dockerfile/.dockerignore and the warm-rebuild edit live only in the stream:
// the user's folder is read, never written.

/** Content that replaces (or adds) a file of the context in the stream only. */
export type ContextOverrides = Map<string, string | Buffer>;

export type PackedContext = {
	/** The uncompressed tar, as sent to the engine. */
	stream: Readable;
	/** Bytes that have passed through `stream` so far (final once it ends). */
	bytesSent(): number;
	/** Resolves when everything was packed, rejects on a read error. */
	done: Promise<void>;
};

function entryName(file: ContextFile): string {
	return file.kind === 'dir' ? `${file.path}/` : file.path;
}

async function addFile(pack: tar.Pack, root: string, file: ContextFile): Promise<void> {
	const full = path.join(root, ...file.path.split('/'));
	const stat = await fs.promises.lstat(full);
	const base = {name: entryName(file), mode: file.mode & 0o7777, mtime: stat.mtime, uid: 0, gid: 0};
	if (file.kind === 'dir') {
		pack.entry({...base, type: 'directory'});
		return;
	}

	if (file.kind === 'symlink') {
		pack.entry({...base, type: 'symlink', linkname: file.linkTarget ?? (await fs.promises.readlink(full))});
		return;
	}

	// The size goes in the header first; read exactly that many bytes even if the file grows meanwhile.
	const size = stat.size;
	if (size === 0) {
		pack.entry({...base, type: 'file', size}, Buffer.alloc(0));
		return;
	}

	await new Promise<void>((resolve, reject) => {
		const entry = pack.entry({...base, type: 'file', size}, error => {
			if (error) {
				reject(error);
			} else {
				resolve();
			}
		});
		const source = fs.createReadStream(full, {start: 0, end: size - 1});
		source.on('error', reject);
		source.on('data', (chunk: string | Buffer) => {
			if (!entry.write(chunk)) {
				source.pause();
				entry.once('drain', () => source.resume());
			}
		});
		source.on('end', () => {
			entry.end(() => undefined);
		});
	});
}

/**
 * Packs `files` (relative POSIX paths under `root`, as the context walker lists them),
 * with `overrides` applied in the stream: a listed path takes the override's content,
 * an unlisted one is added at the end.
 */
export function packContext(root: string, files: readonly ContextFile[], overrides: ContextOverrides = new Map()): PackedContext {
	const pack = tar.pack();
	let sent = 0;
	const counter = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			sent += chunk.length;
			callback(null, chunk);
		},
	});
	const out = new PassThrough();
	pack.pipe(counter).pipe(out);

	const done = (async () => {
		const pending = new Map(overrides);
		const now = new Date();
		for (const file of files) {
			const override = pending.get(file.path);
			if (override !== undefined && file.kind === 'file') {
				pending.delete(file.path);
				const content = typeof override === 'string' ? Buffer.from(override) : override;
				const stat = await fs.promises.lstat(path.join(root, ...file.path.split('/'))).catch(() => null);
				pack.entry({name: file.path, mode: file.mode & 0o7777, mtime: stat?.mtime ?? now, uid: 0, gid: 0, type: 'file'}, content);
				continue;
			}

			await addFile(pack, root, file);
		}

		for (const [name, override] of pending) {
			const content = typeof override === 'string' ? Buffer.from(override) : override;
			pack.entry({name, mode: 0o644, mtime: now, uid: 0, gid: 0, type: 'file'}, content);
		}

		pack.finalize();
	})().catch((error: unknown) => {
		const reason = error instanceof Error ? error.message : String(error);
		const wrapped = new Error(`Could not pack the build context: ${reason}`);
		pack.destroy();
		out.destroy(wrapped);
		throw wrapped;
	});

	// The error is reported through `done`; these keep an unread failure from crashing the process.
	done.catch(() => undefined);
	out.on('error', () => undefined);
	return {stream: out, bytesSent: () => sent, done};
}
