// A one-character spinner: the same frames as ink-spinner's "dots", without loading the
// whole cli-spinners catalogue at start-up for the one spinner the wizard shows.

import {useEffect, useState} from 'react';
import {Text} from 'ink';
import {spinnerFrames, spinnerIntervalMs} from '../frame-text.js';

export function Spinner() {
	const [frame, setFrame] = useState(0);
	useEffect(() => {
		const timer = setInterval(() => setFrame(previous => (previous + 1) % spinnerFrames.length), spinnerIntervalMs);
		return () => clearInterval(timer);
	}, []);
	return <Text>{spinnerFrames[frame]}</Text>;
}
