// What `docker init` writes for a Python project, as docs.docker.com's Python guide
// ("Containerize a Python application", the official-image tab) shows it: the Dockerfile,
// compose.yaml and .dockerignore, word for word, with the answers to its prompts filled in
// (Python version, port, command). The bench builds this text; the only change it makes for an
// offline engine is the `# syntax=` line (see offlineDockerfile), and it says so in results.md.

export type DockerInitAnswers = {
	/** "What version of Python do you want to use?" */
	pythonVersion: string;
	/** "What port do you want your app to listen on?" */
	port: number;
	/** "What is the command to run your app?" */
	command: string;
};

export const syntaxLine = '# syntax=docker/dockerfile:1';

/** docker init turns the command answer into CMD's exec form, one word per item. */
export function execForm(command: string): string {
	const words = command.trim().split(/\s+/).filter(Boolean);
	return `[${words.map(word => JSON.stringify(word)).join(', ')}]`;
}

export function dockerInitDockerfileText(answers: DockerInitAnswers): string {
	return `${syntaxLine}

# Comments are provided throughout this file to help you get started.
# If you need more help, visit the Dockerfile reference guide at
# https://docs.docker.com/go/dockerfile-reference/

# Want to help us make this template better? Share your feedback here: https://forms.gle/ybq9Krt8jtBL3iCk7

# This Dockerfile uses Docker Hardened Images (DHI) for enhanced security.
# For more information, see https://docs.docker.com/dhi/
ARG PYTHON_VERSION=${answers.pythonVersion}
FROM python:\${PYTHON_VERSION}-slim

# Prevents Python from writing pyc files.
ENV PYTHONDONTWRITEBYTECODE=1

# Keeps Python from buffering stdout and stderr to avoid situations where
# the application crashes without emitting any logs due to buffering.
ENV PYTHONUNBUFFERED=1

WORKDIR /app

# Create a non-privileged user that the app will run under.
# See https://docs.docker.com/go/dockerfile-user-best-practices/
ARG UID=10001
RUN adduser \\
    --disabled-password \\
    --gecos "" \\
    --home "/nonexistent" \\
    --shell "/sbin/nologin" \\
    --no-create-home \\
    --uid "\${UID}" \\
    appuser

# Download dependencies as a separate step to take advantage of Docker's caching.
# Leverage a cache mount to /root/.cache/pip to speed up subsequent builds.
# Leverage a bind mount to requirements.txt to avoid having to copy them into
# into this layer.
RUN --mount=type=cache,target=/root/.cache/pip \\
    --mount=type=bind,source=requirements.txt,target=requirements.txt \\
    python -m pip install -r requirements.txt

# Switch to the non-privileged user to run the application.
USER appuser

# Copy the source code into the container.
COPY . .

# Expose the port that the application listens on.
EXPOSE ${answers.port}

# Run the application.
CMD ${execForm(answers.command)}
`;
}

export function dockerInitComposeText(port: number): string {
	return `# Comments are provided throughout this file to help you get started.
# If you need more help, visit the Docker Compose reference guide at
# https://docs.docker.com/go/compose-spec-reference/

# Here the instructions define your application as a service called "server".
# This service is built from the Dockerfile in the current directory.
# You can add other services your application may depend on here, such as a
# database or a cache. For examples, see the Awesome Compose repository:
# https://github.com/docker/awesome-compose
services:
  server:
    build:
      context: .
    ports:
      - ${port}:${port}
`;
}

export const dockerInitDockerignoreText = `# Include any files or directories that you don't want to be copied to your
# container here (e.g., local build artifacts, temporary files, etc.).
#
# For more help, visit the .dockerignore file reference guide at
# https://docs.docker.com/go/build-context-dockerignore/

**/.DS_Store
**/__pycache__
**/.venv
**/.classpath
**/.dockerignore
**/.env
**/.git
**/.gitignore
**/.project
**/.settings
**/.toolstarget
**/.vs
**/.vscode
**/*.*proj.user
**/*.dbmdl
**/*.jfm
**/bin
**/charts
**/docker-compose*
**/compose.y*ml
**/Dockerfile*
**/node_modules
**/npm-debug.log
**/obj
**/secrets.dev.yaml
**/values.dev.yaml
LICENSE
README.md
`;

/**
 * An offline engine cannot resolve the `# syntax=` frontend image (BuildKit asks the registry for
 * docker/dockerfile:1 and the build fails at once); the engine's built-in Dockerfile frontend
 * reads the same instructions, RUN --mount included. The line is the only one removed.
 */
export function offlineDockerfile(text: string): {text: string; removed: string | null} {
	const lines = text.split('\n');
	const index = lines.findIndex(line => /^#\s*syntax\s*=/i.test(line));
	if (index === -1) {
		return {text, removed: null};
	}

	const removed = lines[index];
	lines.splice(index, 1);
	return {text: lines.join('\n'), removed};
}

/** One requirement line as a user would copy it into requirements.txt. */
export type Requirement = {name: string; line: string};

/**
 * The requirements.txt docker init's prompt asks for ("list your dependencies and gunicorn in
 * requirements.txt"): the project's own file when it has one, gunicorn appended when it is not
 * listed; for a project without one (pyproject.toml), its dependencies one a line, then gunicorn.
 * null when the project's requirements.txt already lists gunicorn (nothing to write).
 */
export function requirementsForDockerInit(existing: string | null, dependencies: Requirement[]): string | null {
	const listsGunicorn = dependencies.some(item => item.name === 'gunicorn');
	if (existing !== null) {
		return listsGunicorn ? null : `${existing.replace(/\n*$/, '\n')}gunicorn\n`;
	}

	return [...dependencies.map(item => item.line), ...(listsGunicorn ? [] : ['gunicorn']), ''].join('\n');
}
