// A minimal protobuf wire-format reader: enough to decode BuildKit's status messages
// (strings, bools, varints, nested messages) without loading a schema at run time.

export type WireFields = Map<number, Array<number | Buffer>>;

function readVarint(buf: Buffer, offset: number): [value: number, next: number] {
	let value = 0;
	let scale = 1;
	let pos = offset;
	for (;;) {
		if (pos >= buf.length) {
			throw new Error('truncated varint');
		}

		const byte = buf[pos++];
		// Multiplication rather than shifts: byte counts can pass 2^31.
		value += (byte & 0x7f) * scale;
		scale *= 128;
		if ((byte & 0x80) === 0) {
			return [value, pos];
		}
	}
}

/** Splits one message into its fields: varints as numbers, length-delimited as Buffers. */
export function readFields(buf: Buffer): WireFields {
	const fields: WireFields = new Map();
	let pos = 0;
	while (pos < buf.length) {
		const [key, afterKey] = readVarint(buf, pos);
		pos = afterKey;
		const field = Math.floor(key / 8);
		const wireType = key & 7;
		let value: number | Buffer;
		switch (wireType) {
			case 0: {
				[value, pos] = readVarint(buf, pos);
				break;
			}

			case 1: {
				value = buf.subarray(pos, pos + 8);
				pos += 8;
				break;
			}

			case 2: {
				const [length, start] = readVarint(buf, pos);
				if (start + length > buf.length) {
					throw new Error('truncated field');
				}

				value = buf.subarray(start, start + length);
				pos = start + length;
				break;
			}

			case 5: {
				value = buf.subarray(pos, pos + 4);
				pos += 4;
				break;
			}

			default: {
				throw new Error(`unsupported wire type ${wireType}`);
			}
		}

		const list = fields.get(field);
		if (list) {
			list.push(value);
		} else {
			fields.set(field, [value]);
		}
	}

	return fields;
}

export function stringField(fields: WireFields, field: number): string {
	const value = fields.get(field)?.at(-1);
	return Buffer.isBuffer(value) ? value.toString('utf8') : '';
}

export function bytesField(fields: WireFields, field: number): Buffer {
	const value = fields.get(field)?.at(-1);
	return Buffer.isBuffer(value) ? value : Buffer.alloc(0);
}

export function numberField(fields: WireFields, field: number): number {
	const value = fields.get(field)?.at(-1);
	return typeof value === 'number' ? value : 0;
}

export function hasField(fields: WireFields, field: number): boolean {
	return fields.has(field);
}

export function messageList(fields: WireFields, field: number): WireFields[] {
	return (fields.get(field) ?? []).filter(v => Buffer.isBuffer(v)).map(v => readFields(v as Buffer));
}
