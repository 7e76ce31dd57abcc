import {bytesField, hasField, messageList, numberField, readFields, stringField} from './protobuf-wire.js';

// BuildKit's progress arrives as `{"id":"moby.buildkit.trace","aux":"<base64 protobuf>"}`:
// a moby.buildkit.v1.StatusResponse. Only the fields the UI shows are decoded.

export type BuildkitVertex = {digest: string; name: string; cached: boolean; started: boolean; completed: boolean; error: string};
export type BuildkitStatus = {id: string; vertex: string; name: string; current: number; total: number; completed: boolean};
export type BuildkitLog = {vertex: string; stream: number; text: string};
export type BuildkitWarning = {vertex: string; text: string};

export type StatusResponse = {
	vertexes: BuildkitVertex[];
	statuses: BuildkitStatus[];
	logs: BuildkitLog[];
	warnings: BuildkitWarning[];
};

export function decodeStatusResponse(base64: string): StatusResponse {
	const fields = readFields(Buffer.from(base64, 'base64'));
	return {
		vertexes: messageList(fields, 1).map(v => ({
			digest: stringField(v, 1),
			name: stringField(v, 3),
			cached: numberField(v, 4) === 1,
			started: hasField(v, 5),
			completed: hasField(v, 6),
			error: stringField(v, 7),
		})),
		statuses: messageList(fields, 2).map(s => ({
			id: stringField(s, 1),
			vertex: stringField(s, 2),
			name: stringField(s, 3),
			current: numberField(s, 4),
			total: numberField(s, 5),
			completed: hasField(s, 8),
		})),
		logs: messageList(fields, 3).map(l => ({
			vertex: stringField(l, 1),
			stream: numberField(l, 3),
			text: bytesField(l, 4).toString('utf8'),
		})),
		warnings: messageList(fields, 4).map(w => ({
			vertex: stringField(w, 1),
			text: bytesField(w, 3).toString('utf8'),
		})),
	};
}
