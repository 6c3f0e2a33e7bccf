"""deploy/kubernetes/: every manifest is valid against the Kubernetes schemas (offline, with
the schemas that ship in kubernetes-validate), the objects fit together, and the images
start what `make run` starts (scripts/run.sh)."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any, Dict, List
from urllib.parse import urlparse

import kubernetes_validate
import pytest
import yaml

from bot.stores import endpoints

ROOT = Path(__file__).resolve().parents[2]
KUBE = ROOT / "deploy" / "kubernetes"
KUBERNETES_VERSION = "1.28.0"
MANIFESTS = sorted(KUBE.glob("*.yml"))


def documents() -> List[Dict[str, Any]]:
    return [doc for path in MANIFESTS for doc in yaml.safe_load_all(path.read_text()) if doc]


DOCS = documents()


def obj(kind: str, name: str) -> Dict[str, Any]:
    found = [d for d in DOCS if d["kind"] == kind and d["metadata"]["name"] == name]
    assert len(found) == 1, f"{kind}/{name}: {len(found)} found"
    return found[0]


def container(deployment: str) -> Dict[str, Any]:
    containers = obj("Deployment", deployment)["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1
    result: Dict[str, Any] = containers[0]
    return result


@pytest.mark.parametrize("doc", DOCS, ids=[f"{d['kind']}/{d['metadata']['name']}" for d in DOCS])
def test_manifest_is_valid_kubernetes(doc: Dict[str, Any]) -> None:
    kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)


def test_all_the_pieces_are_there() -> None:
    kinds = {(d["kind"], d["metadata"]["name"]) for d in DOCS}
    for needed in [
        ("Deployment", "pm-rasa"),
        ("Deployment", "pm-actions"),
        ("Service", "pm-rasa"),
        ("Service", "pm-actions"),
        ("NetworkPolicy", "pm-actions-only-from-rasa"),
        ("ConfigMap", "pm-endpoints"),
        ("Secret", "pm-secrets"),
        ("HorizontalPodAutoscaler", "pm-rasa"),
        ("Service", "pm-postgres"),
        ("Service", "pm-redis"),
    ]:
        assert needed in kinds


def test_services_select_pods_on_their_named_ports() -> None:
    for service in (d for d in DOCS if d["kind"] == "Service" and d["spec"].get("type") != "ExternalName"):
        deployment = obj("Deployment", service["metadata"]["name"])
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert service["spec"]["selector"].items() <= labels.items()
        port_names = {p["name"] for p in container(service["metadata"]["name"])["ports"]}
        assert {p["targetPort"] for p in service["spec"]["ports"]} <= port_names


def test_rasa_is_ready_only_through_ready_and_restarted_only_when_it_stops_answering() -> None:
    rasa = container("pm-rasa")
    assert rasa["readinessProbe"]["httpGet"]["path"] == "/ready"
    assert rasa["livenessProbe"]["httpGet"]["path"] == "/"  # a store outage must not restart pods
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text())
    assert "channels.health.ReadinessInput" in credentials  # the channel that serves /ready


def test_only_rasa_pods_reach_the_action_server() -> None:
    policy = obj("NetworkPolicy", "pm-actions-only-from-rasa")["spec"]
    actions_labels = obj("Deployment", "pm-actions")["spec"]["template"]["metadata"]["labels"]
    rasa_labels = obj("Deployment", "pm-rasa")["spec"]["template"]["metadata"]["labels"]
    assert policy["policyTypes"] == ["Ingress"]
    assert policy["podSelector"]["matchLabels"].items() <= actions_labels.items()
    assert len(policy["ingress"]) == 1 and len(policy["ingress"][0]["from"]) == 1
    source = policy["ingress"][0]["from"][0]
    assert set(source) == {"podSelector"}  # no namespaceSelector or ipBlock
    assert source["podSelector"]["matchLabels"].items() <= rasa_labels.items()
    port = container("pm-actions")["ports"][0]["containerPort"]
    assert policy["ingress"][0]["ports"] == [{"protocol": "TCP", "port": port}]


def test_the_autoscaler_scales_the_rasa_deployment() -> None:
    hpa = obj("HorizontalPodAutoscaler", "pm-rasa")["spec"]
    assert hpa["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "pm-rasa"}
    assert hpa["minReplicas"] >= 2


def pod_environment() -> Dict[str, str]:
    """The Rasa container's environment, resolved from the ConfigMap and the Secret."""
    rasa = container("pm-rasa")
    env: Dict[str, str] = {}
    for source in rasa["envFrom"]:
        env.update(obj("ConfigMap", source["configMapRef"]["name"])["data"])
    for item in rasa["env"]:
        ref = item["valueFrom"]["secretKeyRef"]
        env[item["name"]] = obj("Secret", ref["name"])["stringData"][ref["key"]]
    return env


def test_the_endpoints_a_pod_writes_reach_the_services() -> None:
    config = endpoints(pod_environment())  # what bot.stores writes when the pod starts
    action = urlparse(config["action_endpoint"]["url"])
    service = obj("Service", "pm-actions")["spec"]["ports"][0]["port"]
    assert (action.hostname, action.port) == ("pm-actions", service)
    external = {d["metadata"]["name"] for d in DOCS if d.get("spec", {}).get("type") == "ExternalName"}
    assert config["tracker_store"]["dialect"] == "postgresql"
    assert {config["tracker_store"]["url"], config["lock_store"]["url"]} == external


def run_sh_commands() -> Dict[str, List[str]]:
    """The commands scripts/run.sh starts, with its default values filled in."""
    text = (ROOT / "scripts" / "run.sh").read_text().replace("\\\n", " ")
    defaults = dict(re.findall(r'^(\w+)="\$\{\w+:-([^}]*)\}"', text, re.M))
    commands = {}
    for line in text.splitlines():
        words = shlex.split(line.split("#")[0]) if ".venv/bin/" in line else []
        words = [w for w in words if not re.match(r"^\w+=", w) and w not in ("&", "${RASA_ARGS:-}")]
        if words and not words[0].startswith(".venv/bin/"):
            continue
        for key in ("bot.stores", "rasa_sdk", "run"):
            if len(words) > 2 and words[2 if key != "run" else 1] == key:
                commands[key] = [_expand(w, defaults) for w in words]
    return commands


def _expand(word: str, defaults: Dict[str, str]) -> str:
    return re.sub(r"\$\{?(\w+)(:-([^}]*))?\}?", lambda m: defaults.get(m[1], m[3] or ""), word)


def image_commands(dockerfile: str) -> List[List[str]]:
    cmd = json.loads(re.search(r"^CMD (\[.*\])$", (KUBE / dockerfile).read_text(), re.M)[1])  # type: ignore[index]
    if cmd[:2] == ["sh", "-c"]:
        return [[w for w in shlex.split(part) if w != "exec"] for part in cmd[2].split("&&")]
    return [cmd]


def test_the_images_start_what_make_run_starts() -> None:
    started = run_sh_commands()
    assert set(started) == {"bot.stores", "rasa_sdk", "run"}
    stores, rasa = image_commands("Dockerfile.rasa")
    assert stores == started["bot.stores"]
    # The same server with the same model, credentials and endpoints; in a pod it listens on
    # the pod's address instead of loopback.
    interface = rasa.index("--interface")
    assert rasa[interface + 1] == "0.0.0.0"
    expected = started["run"]
    assert rasa[:interface] + rasa[interface + 2 :] == expected[:interface] + expected[interface + 2 :]
    assert image_commands("Dockerfile.actions") == [started["rasa_sdk"]]
    assert f"--port {container('pm-rasa')['ports'][0]['containerPort']}" in " ".join(rasa)
    assert f"--port {container('pm-actions')['ports'][0]['containerPort']}" in " ".join(started["rasa_sdk"])


BUILD_TARGETS = {"Dockerfile.rasa": "install nlp train", "Dockerfile.actions": ".venv/.installed"}


def test_images_are_built_by_the_make_targets_ci_runs() -> None:
    rules = re.findall(r"^([^\s:#]+):", (ROOT / "Makefile").read_text().replace("$(VENV)", ".venv"), re.M)
    for dockerfile, targets in BUILD_TARGETS.items():
        text = (KUBE / dockerfile).read_text()
        assert "FROM python:3.10-slim AS build" in text
        assert f"RUN make {targets}\n" in text
        assert set(targets.split()) <= set(rules)
