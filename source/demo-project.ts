// The bundled demo app, kept as strings so the published package needs no asset files:
// the small Flask app of the article, with the naive Dockerfile made to build.

import type {ProjectFile} from './types.js';

export const demoAppPy = `from flask import Flask

app = Flask(__name__)


@app.route("/")
def home():
    return "Hello from the dockwiz demo!"


@app.route("/about")
def about():
    return "A tiny Flask app that ships in a much too large image."


@app.route("/contact")
def contact():
    return "Write to demo@example.com"


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
`;

export const demoRequirementsTxt = 'flask\n';

/** The article's naive Dockerfile, plus the WORKDIR it needs to build at all. */
export const demoDockerfile = `FROM python:3.11
WORKDIR /app
COPY . /app
RUN pip install -r requirements.txt
EXPOSE 5000
CMD ["python", "app.py"]
`;

export const demoReadme = `# flask-demo

A small Flask app with three pages: \`/\`, \`/about\` and \`/contact\`.

## Run it locally

    python -m venv .venv
    . .venv/bin/activate
    pip install -r requirements.txt
    python app.py

## Run it in Docker

    docker build -t flask-demo .
    docker run -p 5000:5000 flask-demo

The sample data in \`data/\` is for the analytics notebook and is not used by the app.
`;

export const demoBaseTemplate = `{# The page layout for when the routes grow past plain strings. #}
<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>flask-demo</title>
  <link rel="stylesheet" href="{{ url_for('static', filename='style.css') }}">
</head>
<body>
  {% block content %}{% endblock %}
</body>
</html>
`;

export const demoStyleCss = `body {
  font-family: system-ui, sans-serif;
  margin: 2rem auto;
  max-width: 40rem;
}
`;

export const demoGitignore = `.venv/
__pycache__/
*.pyc
.env
data/*.csv
`;

/** The app's own files (relative POSIX paths); demo.ts adds the clutter around them. */
export const demoProjectFiles: ProjectFile[] = [
	{path: 'app.py', text: demoAppPy},
	{path: 'requirements.txt', text: demoRequirementsTxt},
	{path: 'Dockerfile', text: demoDockerfile},
	{path: 'README.md', text: demoReadme},
	{path: 'templates/base.html', text: demoBaseTemplate},
	{path: 'static/style.css', text: demoStyleCss},
	{path: '.gitignore', text: demoGitignore},
];
