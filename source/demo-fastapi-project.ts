// The bundled FastAPI demo (`--demo fastapi`), kept as strings like the Flask one: the same
// three pages as a small API, and the Dockerfile a first attempt copies from a tutorial,
// development server flag included.

import type {ProjectFile} from './types.js';

export const fastapiDemoMainPy = `from fastapi import FastAPI

app = FastAPI(title="fastapi-demo")


@app.get("/")
def home():
    return {"message": "Hello from the dockwiz FastAPI demo!"}


@app.get("/about")
def about():
    return {"about": "A tiny FastAPI app that ships in a much too large image."}


@app.get("/contact")
def contact():
    return {"email": "demo@example.com"}
`;

export const fastapiDemoRequirementsTxt = 'fastapi\nuvicorn\n';

/** The tutorial's naive Dockerfile, with the --reload that was left in from development. */
export const fastapiDemoDockerfile = `FROM python:3.11
WORKDIR /app
COPY . /app
RUN pip install -r requirements.txt
EXPOSE 8000
CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000", "--reload"]
`;

export const fastapiDemoReadme = `# fastapi-demo

A small FastAPI app with three endpoints: \`/\`, \`/about\` and \`/contact\` (and \`/docs\`).

## Run it locally

    python -m venv .venv
    . .venv/bin/activate
    pip install -r requirements.txt
    uvicorn main:app --reload

## Run it in Docker

    docker build -t fastapi-demo .
    docker run -p 8000:8000 fastapi-demo

The sample data in \`data/\` is for the analytics notebook and is not used by the app.
`;

export const fastapiDemoGitignore = `.venv/
__pycache__/
*.pyc
.env
data/*.csv
`;

/** The app's own files (relative POSIX paths); demo.ts adds the clutter around them. */
export const fastapiDemoProjectFiles: ProjectFile[] = [
	{path: 'main.py', text: fastapiDemoMainPy},
	{path: 'requirements.txt', text: fastapiDemoRequirementsTxt},
	{path: 'Dockerfile', text: fastapiDemoDockerfile},
	{path: 'README.md', text: fastapiDemoReadme},
	{path: '.gitignore', text: fastapiDemoGitignore},
];
