"""docker-compose.yml and the one nginx template agree (Docker is not run here; the scale-out browser test
runs the template through the real nginx)."""

from pathlib import Path

import yaml
from django.conf import settings

from tests.browser.nginx import template_names

COMPOSE = yaml.safe_load((Path(settings.BASE_DIR) / "docker-compose.yml").read_text())


def test_compose_renders_the_repository_template_with_every_name_it_uses():
    nginx = COMPOSE["services"]["nginx"]
    mounted = {v.split(":")[0]: v.split(":")[1] for v in nginx["volumes"]}
    assert mounted == {"./deploy/nginx.conf.template": "/etc/nginx/templates/nginx.conf.template"}
    environment = nginx["environment"]
    assert environment["NGINX_ENVSUBST_OUTPUT_DIR"] == "/etc/nginx"  # a whole nginx.conf, not a conf.d part
    assert {k for k in environment if k.startswith("SDPREP_")} == template_names()
    assert environment["SDPREP_UPSTREAM"] == "web:8000"


def test_web_scales_behind_nginx_and_migrations_run_once():
    services = COMPOSE["services"]
    web = services["web"]
    assert "ports" not in web and "container_name" not in web  # else `--scale web=3` collides
    assert "migrate" not in web["command"]
    assert web["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert "/healthz" in " ".join(web["healthcheck"]["test"])
    assert services["nginx"]["depends_on"]["web"]["condition"] == "service_healthy"
    assert services["nginx"]["ports"] == ["8000:80"]
