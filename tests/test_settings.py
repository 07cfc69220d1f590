import pytest
from django.core.exceptions import ImproperlyConfigured

from msjournal.env import env_bool, env_int, env_list


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


def test_every_page_forbids_inline_and_third_party_scripts(client):
    policy = client.get("/accounts/login/").headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "default-src 'self'" in policy
