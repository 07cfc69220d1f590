import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from msjournal.env import env_bool, env_int, env_list

BASE = Path(__file__).resolve().parents[2]


def test_env_bool_reads_one_and_zero(monkeypatch):
    monkeypatch.setenv("FLAG", "1")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", default=True) is False


def test_env_bool_fails_loudly_on_a_typo(monkeypatch):
    monkeypatch.setenv("FLAG", "yess")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG")


def test_env_int_fails_loudly_on_a_word(monkeypatch):
    monkeypatch.setenv("PORT_NUMBER", "twenty")
    with pytest.raises(ImproperlyConfigured, match="PORT_NUMBER"):
        env_int("PORT_NUMBER", 25)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example, b.example,,")
    assert env_list("HOSTS", []) == ["a.example", "b.example"]


def readme_production_variables() -> str:
    """The `export` lines of the README's "Running it for real", as a shell would run them."""
    readme = (BASE / "README.md").read_text()
    section = readme.split("## Running it for real", 1)[1].split("\n## ", 1)[0]
    return "\n".join(line for line in section.splitlines() if line.startswith("export "))


def manage_in_production(*args: str, **extra_env: str) -> subprocess.CompletedProcess:
    """Run manage.py with the README's production variables and nothing else of ours."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    script = f'{readme_production_variables()}\nexec "$0" manage.py "$@"'
    return subprocess.run(
        ["bash", "-c", script, sys.executable, *args],
        cwd=BASE,
        env={**env, **extra_env},
        capture_output=True,
        text=True,
    )


def test_the_readmes_production_variables_pass_the_deployment_checks():
    done = manage_in_production("check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


def test_the_redirect_to_https_can_be_left_to_the_proxy():
    show = (
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
    )
    done = manage_in_production("shell", "-v", "0", "--command", show, DJANGO_SSL_REDIRECT="0")
    assert done.stdout.split() == ["False", "31536000"]
    done = manage_in_production(
        "check", "--deploy", "--fail-level", "WARNING", DJANGO_SSL_REDIRECT="0"
    )
    assert done.returncode == 0, done.stderr
