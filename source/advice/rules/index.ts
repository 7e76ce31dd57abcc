// The rule catalogue, in the order the docs list it. One module per rule.
import type {Rule} from '../rule.js';
import {dl3000} from './dl3000-absolute-workdir.js';
import {dl3002} from './dl3002-last-user-root.js';
import {dl3003} from './dl3003-cd-in-run.js';
import {dl3004} from './dl3004-sudo.js';
import {dl3006} from './dl3006-untagged-image.js';
import {dl3007} from './dl3007-latest-tag.js';
import {dl3008} from './dl3008-apt-pin.js';
import {dl3009} from './dl3009-apt-lists.js';
import {dl3011} from './dl3011-port-range.js';
import {dl3013} from './dl3013-pip-pin.js';
import {dl3014} from './dl3014-apt-yes.js';
import {dl3015} from './dl3015-no-install-recommends.js';
import {dl3020} from './dl3020-add-for-files.js';
import {dl3025} from './dl3025-json-cmd.js';
import {dl3026} from './dl3026-trusted-registry.js';
import {dl3027} from './dl3027-apt.js';
import {dl3042} from './dl3042-pip-no-cache.js';
import {dl3045} from './dl3045-copy-relative-no-workdir.js';
import {dl3059} from './dl3059-consecutive-run.js';
import {dl4000} from './dl4000-maintainer.js';
import {dl4003} from './dl4003-multiple-cmd.js';
import {dl4006} from './dl4006-pipefail.js';
import {dw001} from './dw001-code-before-dependencies.js';
import {dw002} from './dw002-no-dockerignore.js';
import {dw003} from './dw003-context-junk.js';
import {dw004} from './dw004-secrets-in-context.js';
import {dw005} from './dw005-heavy-base.js';
import {dw006} from './dw006-development-server.js';
import {dw007} from './dw007-runs-as-root.js';
import {dw008} from './dw008-relative-path-nowhere.js';
import {dw009} from './dw009-copy-into-file-name.js';
import {dw010} from './dw010-pythonunbuffered.js';
import {dw011} from './dw011-compilers-in-final-image.js';
import {dw012} from './dw012-secrets-in-env.js';
import {dw013} from './dw013-copies-secret-file.js';
import {dw014} from './dw014-expose-mismatch.js';
import {dw015} from './dw015-no-from.js';
import {dw016} from './dw016-unknown-instruction.js';
import {dw017} from './dw017-binary.js';
import {dw018} from './dw018-no-command.js';
import {dw019} from './dw019-upgrade-pip.js';
import {dw020} from './dw020-pythondontwritebytecode.js';
import {dw021} from './dw021-alpine-compiles.js';
import {dw022} from './dw022-copy-source-ignored.js';
import {dw023} from './dw023-versionless-tag.js';
import {dw030} from './dw030-pins-that-break.js';
import {dw031} from './dw031-markers-exclude-python.js';
import {dw032} from './dw032-init-command-not-run.js';
import {dw040} from './dw040-asgi-reload.js';
import {dw041} from './dw041-asgi-localhost.js';
import {dw042} from './dw042-fastapi-dev.js';
import {dw043} from './dw043-django-runserver.js';
import {dw044} from './dw044-debug-in-env.js';
import {dw045} from './dw045-collectstatic-missing.js';
import {dw046} from './dw046-django-secret-key.js';
import {dw047} from './dw047-script-reload.js';

export const rules: Rule[] = [
	dl3000,
	dl3002,
	dl3003,
	dl3004,
	dl3006,
	dl3007,
	dl3008,
	dl3009,
	dl3011,
	dl3013,
	dl3014,
	dl3015,
	dl3020,
	dl3025,
	dl3026,
	dl3027,
	dl3042,
	dl3045,
	dl3059,
	dl4000,
	dl4003,
	dl4006,
	dw001,
	dw002,
	dw003,
	dw004,
	dw005,
	dw006,
	dw007,
	dw008,
	dw009,
	dw010,
	dw011,
	dw012,
	dw013,
	dw014,
	dw015,
	dw016,
	dw017,
	dw018,
	dw019,
	dw020,
	dw021,
	dw022,
	dw023,
	dw030,
	dw031,
	dw032,
	dw040,
	dw041,
	dw042,
	dw043,
	dw044,
	dw045,
	dw046,
	dw047,
];
