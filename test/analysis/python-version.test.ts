import {describe, expect, it} from 'vitest';
import {minorFromImage, minorOf, minorSatisfies, newestSatisfying} from '../../source/analysis/python-version.js';

describe('python version', () => {
	it.each([
		['>=3.8', '3.14'],
		['>=3.10,<3.13', '3.12'],
		['>=3.9, <3.12', '3.11'],
		['~=3.11.2', '3.11'],
		['~=3.10', '3.14'],
		['^3.11', '3.14'],
		['~3.11', '3.11'],
		['==3.12.*', '3.12'],
		['3.11.*', '3.11'],
		['>=3.11.4,!=3.12.*,<3.14', '3.13'],
		['>=3.8,<3.10 || >=3.12,<3.13', '3.12'],
		['*', '3.14'],
		['<3.8', null],
		['>=4', null],
	])('requires-python %s picks %s', (spec, expected) => {
		expect(newestSatisfying(spec)).toBe(expected);
	});

	it('checks a minor against a range with patch bounds', () => {
		expect(minorSatisfies('3.11', '>=3.11.9')).toBe(true);
		expect(minorSatisfies('3.11', '>3.11.30')).toBe(false);
		expect(minorSatisfies('3.12', '!=3.12.1')).toBe(true);
	});

	it.each([
		['3.11.4', '3.11'],
		['python-3.12.1', '3.12'],
		['3.10', '3.10'],
		['pypy3.10', null],
		['3', null],
		['system', null],
	])('minorOf %s is %s', (text, expected) => {
		expect(minorOf(text)).toBe(expected);
	});

	it.each([
		['python:3.11', '3.11'],
		['python:3.12.4-slim-bookworm', '3.12'],
		['docker.io/library/python:3.10-alpine', '3.10'],
		['python:3-slim', null],
		['python:latest', null],
		['ubuntu:22.04', null],
	])('minorFromImage %s is %s', (image, expected) => {
		expect(minorFromImage(image)).toBe(expected);
	});
});
