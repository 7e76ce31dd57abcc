// Colours, switched off as a whole when NO_COLOR is set (https://no-color.org):
// components ask the theme for a colour and get undefined when colours are off.

import {createContext, useContext} from 'react';
import type {Severity} from '../types.js';

export type Theme = {
	color: boolean;
};

export const ThemeContext = createContext<Theme>({color: true});

export {colorsEnabled} from './colors-enabled.js';

export type ColorName = 'red' | 'yellow' | 'green' | 'cyan' | 'blue' | 'magenta' | 'gray';

const severityColors: Record<Severity, ColorName> = {error: 'red', warning: 'yellow', info: 'cyan'};

/** Returns a colour picker: the colour, or undefined when colours are off. */
export function useColor(): (name: ColorName) => ColorName | undefined {
	const theme = useContext(ThemeContext);
	return name => (theme.color ? name : undefined);
}

export function severityColor(severity: Severity): ColorName {
	return severityColors[severity];
}
