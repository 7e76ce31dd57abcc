// The bundled Django demo (--demo django), kept as strings like the Flask one: a startproject
// layout with one app that renders a page with a stylesheet, whitenoise serving the collected
// static files, settings that read the key and the hosts from the environment, and the
// naive Dockerfile a first attempt writes (full image, runserver, DEBUG on, the key in ENV).
import type {ProjectFile} from './types.js';

const manage = `#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
`;

const settings = `import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = os.environ.get("DJANGO_DEBUG", "") == "True"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.staticfiles",
    "catalog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.common.CommonMiddleware",
]

ROOT_URLCONF = "shop.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {},
    },
]
WSGI_APPLICATION = "shop.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
`;

const wsgi = `import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

application = get_wsgi_application()
`;

const urls = `from django.urls import path

from catalog import views

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
]
`;

const views = `from django.shortcuts import render

PRODUCTS = ["Espresso cup", "Pour-over kettle", "Burr grinder"]


def home(request):
    return render(request, "catalog/home.html", {"products": PRODUCTS})


def about(request):
    return render(request, "catalog/about.html")
`;

const models = `from django.db import models


class Product(models.Model):
    name = models.CharField(max_length=100)
`;

const migration = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Product",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100)),
            ],
        ),
    ]
`;

const base = `{% load static %}<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>django-demo</title>
  <link rel="stylesheet" href="{% static 'catalog/style.css' %}">
</head>
<body>
  {% block content %}{% endblock %}
</body>
</html>
`;

const home = `{% extends "catalog/base.html" %}
{% block content %}
<h1>Hello from the dockwiz Django demo!</h1>
<ul>{% for product in products %}<li>{{ product }}</li>{% endfor %}</ul>
{% endblock %}
`;

const about = `{% extends "catalog/base.html" %}
{% block content %}<p>A small Django shop that ships in a much too large image.</p>{% endblock %}
`;

const style = `body {
  font-family: system-ui, sans-serif;
  margin: 2rem auto;
  max-width: 40rem;
}
`;

/** A first attempt: the full image, the code before the install, runserver, DEBUG on, the key in ENV. */
export const djangoDemoDockerfile = `FROM python:3.11
ENV DJANGO_DEBUG=True
ENV DJANGO_SECRET_KEY=django-insecure-demo-key-not-real
ENV DJANGO_ALLOWED_HOSTS=*
WORKDIR /app
COPY . /app
RUN pip install -r requirements.txt
EXPOSE 8000
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
`;

const readme = `# django-demo

A small Django shop: \`/\` lists the products, \`/about/\` says what it is.

## Run it locally

    python -m venv .venv
    . .venv/bin/activate
    pip install -r requirements.txt
    DJANGO_SECRET_KEY=dev python manage.py runserver
`;

/** The app's own files; demo.ts adds the clutter around them. */
export const djangoDemoFiles: ProjectFile[] = [
	{path: 'manage.py', text: manage},
	{path: 'shop/__init__.py', text: ''},
	{path: 'shop/settings.py', text: settings},
	{path: 'shop/urls.py', text: urls},
	{path: 'shop/wsgi.py', text: wsgi},
	{path: 'catalog/__init__.py', text: ''},
	{path: 'catalog/models.py', text: models},
	{path: 'catalog/views.py', text: views},
	{path: 'catalog/migrations/__init__.py', text: ''},
	{path: 'catalog/migrations/0001_initial.py', text: migration},
	{path: 'catalog/templates/catalog/base.html', text: base},
	{path: 'catalog/templates/catalog/home.html', text: home},
	{path: 'catalog/templates/catalog/about.html', text: about},
	{path: 'catalog/static/catalog/style.css', text: style},
	{path: 'requirements.txt', text: 'django\ngunicorn\nwhitenoise\n'},
	{path: 'Dockerfile', text: djangoDemoDockerfile},
	{path: 'README.md', text: readme},
	{path: '.gitignore', text: '.venv/\n__pycache__/\n*.pyc\n.env\ndb.sqlite3\nstaticfiles/\n'},
];
