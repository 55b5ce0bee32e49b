"""Packaging and deployment files: the wheel carries what a plain ``pip install`` needs (and not the
sample generator), one version, a compose file that validates and runs the product's own commands."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import docproc
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from wheel_smoke import build_wheel
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    return build_wheel(tmp_path_factory.mktemp("wheel"))


def test_the_wheel_carries_templates_static_files_data_and_every_package_but_not_the_generator(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("web/templates/base.html", "web/templates/applications.html", "web/static/app.css",
                   "web/static/app.js", "web/officer/__init__.py", "web/gunicorn_app.py", "docproc/core/policy.toml",
                   "docproc/cn/labels.toml", "docproc/cn/names.toml", "docproc/extractors/__init__.py",
                   "docproc/validators/__init__.py", "docproc/store/migrations/script.py.mako",
                   "docproc/store/migrations/versions/0001_baseline.py"):
        assert needed in names, needed
    installed_as = {"docproc": "docproc", "web": "web", "extractors": "docproc/extractors",
                    "validators": "docproc/validators"}
    for folder, package in installed_as.items():
        on_disk = {f"{package}/{p.relative_to(ROOT / folder).as_posix()}" for p in (ROOT / folder).rglob("*.py")}
        assert on_disk <= names, sorted(on_disk - names)
    # nothing under a name another project may own: PyPI's validators, any extractors, a stray worker module
    assert not [n for n in names if n.split("/")[0] in ("samples", "extractors", "validators", "worker.py")]


def test_one_version_written_once(wheel: Path) -> None:
    assert wheel.name.startswith(f"docproc-{docproc.__version__}-")
    assert "version =" not in (ROOT / "pyproject.toml").read_text().split("[project.optional-dependencies]")[0]


def _compose() -> list[str] | None:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        return ["docker", "compose"]
    return None


@pytest.mark.skipif(_compose() is None, reason="neither docker-compose nor docker compose (scripts/bootstrap.sh installs it)")
def test_the_compose_file_validates_and_runs_the_products_commands() -> None:
    import yaml  # type: ignore[import-untyped]

    command = _compose() or []
    check = subprocess.run([*command, "-f", str(ROOT / "compose.yaml"), "config", "-q"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    resolved = subprocess.run([*command, "-f", str(ROOT / "compose.yaml"), "config"], capture_output=True, text=True,
                              check=True).stdout
    services = yaml.safe_load(resolved)["services"]
    assert services["migrate"]["command"] == ["docproc", "db", "upgrade"]
    assert services["web"]["command"][:2] == ["docproc", "serve"] and "--workers" in services["web"]["command"]
    assert services["worker"]["command"] == ["docproc", "worker"]
    assert {"redis", "postgres", "seaweedfs"} <= set(services)
    for name in ("web", "worker"):
        env = services[name]["environment"]
        assert env["DOCPROC_STORAGE_URL"].startswith("s3://") and env["REDIS_URL"] and env["DATABASE_URL"]
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert not any(":/var/lib/docproc" in str(v) for v in services[name].get("volumes", []))  # stateless


@pytest.mark.slow
def test_a_plain_pip_install_of_the_wheel_serves_and_reads_an_upload() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "wheel_smoke.py")], capture_output=True, text=True,
                            timeout=1200)
    assert result.returncode == 0 and "wheel smoke: ok" in result.stdout, result.stdout[-3000:] + result.stderr[-3000:]
