// The published SARIF 2.1.0 JSON schema, as the @microsoft/jest-sarif package ships it
// (sarif-2.1.0-rtm.5.json, the schema the OASIS 2.1.0 standard was released with; JSON
// Schema draft-04), compiled with ajv 6, which reads draft-04.

import {createRequire} from 'node:module';
import Ajv from 'ajv';

const require = createRequire(import.meta.url);
export const sarifSchemaFile = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

export function sarifValidator(): {validate: (log: unknown) => boolean; errors: () => string} {
	const ajv = new Ajv({schemaId: 'id', meta: false, allErrors: true, verbose: false});
	ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json') as object);
	const compiled = ajv.compile(require(sarifSchemaFile) as object);
	return {
		validate: log => compiled(log) as boolean,
		errors: () => ajv.errorsText(compiled.errors, {separator: '\n'}),
	};
}
