// The words and widths the wizard's frame and its Scan screen are made of, kept apart from
// Ink so the boot frame (boot-frame.ts), drawn before Ink has loaded, says exactly the same.

export type StepScreen = 'scan' | 'findings' | 'proposal' | 'build' | 'summary';

export const steps: ReadonlyArray<{screen: StepScreen; label: string}> = [
	{screen: 'scan', label: 'Scan'},
	{screen: 'findings', label: 'Findings'},
	{screen: 'proposal', label: 'Proposal'},
	{screen: 'build', label: 'Build'},
	{screen: 'summary', label: 'Summary'},
];

export const productName = 'dockwiz';

/** What goes before a step's label on the steps line. */
export function stepSeparator(index: number): string {
	return index === 0 ? '  ' : ' › ';
}

/** Columns the steps line takes before the context: "dockwiz  Scan › Findings › …". */
export const stepsWidth = productName.length + steps.reduce((sum, step, index) => sum + stepSeparator(index).length + step.label.length, 0);

/**
 * The context shown at the right of the steps line (the project folder), cut from the start
 * so the end of the path stays readable, and sized so the steps line never wraps: the frame
 * keeps one column between the steps and the context.
 */
export function fitContext(context: string, columns: number): string {
	const room = columns - stepsWidth - 1;
	const text = ` ${context}`;
	const characters = [...text];
	if (characters.length <= room) return text;
	if (room <= 1) return '';
	return `…${characters.slice(characters.length - room + 1).join('')}`;
}

/** The Scan screen's heading and the line under it. */
export const scanHeading = 'Reading your project';
export const scanNote = 'Nothing is built or written yet: this step only reads files.';

/** The spinner every in-progress line shows (the "dots" of cli-spinners). */
export const spinnerFrames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
export const spinnerIntervalMs = 80;

/** The key that aborts, shown on every screen while work runs. */
export const abortBinding = {keys: 'ctrl+c', action: 'abort'};
