"""The deployed files themselves: the nginx site renders completely and Debian's nginx accepts
it (with and without TLS), and the systemd environment file names only settings the app has."""

import re
import subprocess
from pathlib import Path

import pytest

from deploy import cluster
from deploy.render import PLACEHOLDER, SITE, Site, main, render
from samenspel.config import MAX_TRANSPORT_BYTES, SETTINGS
from samenspel.web import assets
from samenspel.web.security import HEADERS
from tests.conftest import require

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_every_placeholder_is_filled_and_the_values_come_from_the_app():
    text = render(Site(ports=[5001, 5002, 5003]))
    assert PLACEHOLDER.findall(SITE.read_text()), "the template has placeholders"
    assert not PLACEHOLDER.search(text)
    assert re.findall(r"server 127\.0\.0\.1:(\d+);", text) == ["5001", "5002", "5003"]
    assert f"client_max_body_size {MAX_TRANSPORT_BYTES};" in text
    assert f"root {assets.BUILD.parent};" in text
    assert f"max-age={assets.FOREVER}, public, immutable" in text
    for name, value in HEADERS.items():
        assert f'add_header {name} "{value}";' in text
    assert "ip_hash" not in re.sub(r"#.*", "", text), "sticky by cookie: a hall behind one NAT is one address"


def test_the_command_line_renders_a_tls_site(capsys):
    main(
        ["--processes", "2", "--first-port", "6001", "--server-name", "s.example", "--certificate", "/c", "--key", "/k"]
    )
    text = capsys.readouterr().out
    assert "listen 443 ssl;" in text and "ssl_certificate /c;" in text and "ssl_certificate_key /k;" in text
    assert "SameSite=Lax; Secure" in text
    assert "return 301 https://$host$request_uri;" in text
    assert re.findall(r"server 127\.0\.0\.1:(\d+);", text) == ["6001", "6002"]


def test_a_placeholder_without_a_value_is_an_error(tmp_path):
    template = tmp_path / "site.conf"
    template.write_text("listen @LISTEN@; root @NOWHERE@;")
    with pytest.raises(KeyError, match="NOWHERE"):
        render(Site(ports=[1]), template)


@pytest.mark.parametrize("tls", [False, True])
def test_debians_nginx_accepts_the_site(tmp_path, tls):
    require(cluster.nginx_binary() is not None, "nginx is missing: apt-get install -y nginx")
    site = Site(ports=[5001, 5002], listen="127.0.0.1:8443" if tls else "127.0.0.1:8080")
    if tls:
        require(subprocess.run(["which", "openssl"], capture_output=True).returncode == 0, "openssl is missing")
        site.certificate, site.key = str(tmp_path / "cert.pem"), str(tmp_path / "key.pem")
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=s.example"]
            + ["-keyout", site.key, "-out", site.certificate],
            check=True,
            capture_output=True,
        )
    nginx = cluster.Nginx(tmp_path / "nginx", site)
    checked = nginx.check()
    assert checked.returncode == 0, checked.stdout


def test_the_environment_file_names_only_the_apps_settings():
    names = [line.split("=", 1)[0] for line in (DEPLOY / "systemd" / "samenspel.env").read_text().splitlines()]
    variables = {variable for variable, _default, _convert in SETTINGS.values()}
    used = [name for name in names if name and not name.startswith("#")]
    assert used and set(used) <= variables, set(used) - variables
    assert {"SAMENSPEL_DATABASE_URL", "SAMENSPEL_MESSAGE_QUEUE", "SAMENSPEL_SECRET_KEY"} <= set(used)
    assert "SAMENSPEL_TRUSTED_PROXIES=1" in (DEPLOY / "systemd" / "samenspel.env").read_text()


def test_the_unit_starts_one_process_per_port_behind_the_target():
    unit = (DEPLOY / "systemd" / "samenspel@.service").read_text()
    assert "serve --host 127.0.0.1 --port %i" in unit
    assert "EnvironmentFile=/etc/samenspel/samenspel.env" in unit
    assert "PartOf=samenspel.target" in unit and "WantedBy=samenspel.target" in unit
