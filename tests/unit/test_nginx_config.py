"""The nginx config `make cluster` and the hosts test run (deploy/nginx/cluster.conf)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deploy import nginx_config


def test_the_config_names_both_instances_for_rest_and_the_web_chat(tmp_path: Path) -> None:
    text = nginx_config.render(tmp_path, "127.0.0.1:5005", ["127.0.0.1:5006", "127.0.0.1:5007"])
    assert not re.search(r"@[A-Z0-9_]+@", text)
    assert "listen 127.0.0.1:5005;" in text
    for upstream in ("rasa_sticky", "rasa_spread"):
        block = text[text.index(f"upstream {upstream}") :].split("}")[0]
        assert "server 127.0.0.1:5006 " in block and "server 127.0.0.1:5007 " in block
    assert f"pid {tmp_path}/nginx.pid;" in text
    assert (tmp_path / "nginx-temp").is_dir()


def test_a_cluster_of_another_size_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="two Rasa instances, not 3"):
        nginx_config.render(tmp_path, "127.0.0.1:5005", ["a:1", "b:2", "c:3"])
