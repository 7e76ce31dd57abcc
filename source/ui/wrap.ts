// Word wrapping to a width, so scrollable views can count their lines.

export function wrapText(text: string, width: number): string[] {
	const size = Math.max(8, width);
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		for (const word of paragraph.split(/\s+/).filter(Boolean)) {
			if (line === '') {
				line = word;
			} else if (line.length + 1 + word.length <= size) {
				line += ` ${word}`;
			} else {
				lines.push(line);
				line = word;
			}

			// A word longer than the width is cut rather than overflowing.
			while (line.length > size) {
				lines.push(line.slice(0, size));
				line = line.slice(size);
			}
		}

		lines.push(line);
	}

	return lines;
}
