// What dockwiz assumes when a project does not say: kept apart so the advice can use them
// without loading the scanner.

/** The port gunicorn binds when no Dockerfile, config or code names one. */
export const defaultPort = 8000;
