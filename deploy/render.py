"""Fill the placeholders of deploy/nginx/samenspel.conf: the one nginx site that a server, the
tests and the benchmark all use (deploy/README.md).

    python -m deploy.render --processes 4 --first-port 5001 --server-name samenspel.example \\
        --certificate /etc/letsencrypt/live/samenspel.example/fullchain.pem \\
        --key /etc/letsencrypt/live/samenspel.example/privkey.pem > /etc/nginx/sites-available/samenspel

Values that the app already knows come from the app (one source): the largest message
(samenspel/config.py), the static build folder and how long a hashed file may be cached
(samenspel/web/assets.py), the security headers (samenspel/web/security.py).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

SITE = Path(__file__).resolve().parent / "nginx" / "samenspel.conf"
#: where Debian's nginx package links the dynamic modules it loads (nginx.conf includes it)
DEBIAN_MODULES = Path("/etc/nginx/modules-enabled")
PLACEHOLDER = re.compile(r"@([A-Z_]+)@")
INDENT = " " * 8
#: with TLS, plain HTTP on port 80 only sends browsers to HTTPS
REDIRECT = """
server {{
    listen 80;
    listen [::]:80;
    server_name {name};
    return 301 https://$host$request_uri;
}}"""


def brotli_installed(modules: Path = DEBIAN_MODULES) -> bool:
    """Whether nginx loads ngx_http_brotli_static (Debian: libnginx-mod-http-brotli-static)."""
    return modules.is_dir() and any("brotli_static" in p.read_text() for p in modules.glob("*.conf"))


@dataclass
class Site:
    """What differs between one installation and another."""

    ports: list[int]
    listen: str = "80"
    server_name: str = "_"
    certificate: str | None = None
    key: str | None = None
    build_root: Path | None = None  # the folder holding static/ (default: the app's build folder)
    host: str = "127.0.0.1"  # where the app processes listen
    brotli: bool | None = None  # None: as installed

    def listen_lines(self, tls: bool) -> str:
        """``listen``, and for a bare port the same on IPv6."""
        suffix = " ssl" if tls and "ssl" not in self.listen else ""
        addresses = [self.listen] + ([f"[::]:{self.listen}"] if self.listen.isdigit() else [])
        return "\n".join(f"    listen {address}{suffix};" for address in addresses)

    def values(self) -> dict[str, str]:
        from samenspel.config import MAX_TRANSPORT_BYTES
        from samenspel.web import assets
        from samenspel.web.security import HEADERS

        tls = self.certificate is not None
        if tls and not self.key:
            raise ValueError("a certificate needs its key")
        brotli = brotli_installed() if self.brotli is None else self.brotli
        return {
            "UPSTREAM_SERVERS": "\n".join(f"    server {self.host}:{port};" for port in self.ports),
            "LISTEN": self.listen_lines(tls),
            "SERVER_NAME": self.server_name,
            "TLS": (
                f"    ssl_certificate {self.certificate};\n    ssl_certificate_key {self.key};"
                if tls
                else "    # no TLS here: python -m deploy.render --certificate … --key … (deploy/README.md)"
            ),
            "SECURE_COOKIE": "; Secure" if tls else "",
            "HTTP_REDIRECT": REDIRECT.format(name=self.server_name) if tls else "",
            "MAX_BODY": str(MAX_TRANSPORT_BYTES),
            "BUILD_ROOT": str(self.build_root or assets.BUILD.parent),
            "BROTLI_STATIC": INDENT + ("brotli_static on;" if brotli else "# brotli_static: not installed"),
            "FOREVER": str(assets.FOREVER),
            "STATIC_HEADERS": "\n".join(f'{INDENT}add_header {name} "{value}";' for name, value in HEADERS.items()),
        }


def render(site: Site, template: Path = SITE) -> str:
    """The site file with every placeholder filled; a placeholder without a value raises."""
    values = site.values()
    text = template.read_text()
    missing = sorted(set(PLACEHOLDER.findall(text)) - set(values))
    if missing:
        raise KeyError(f"no value for {', '.join(missing)} in {template}")
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.render", description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=2, help="app processes (systemd: samenspel@PORT)")
    parser.add_argument("--first-port", type=int, default=5001, help="the first process's port; the next follow")
    parser.add_argument("--listen", default=None, help="nginx's listen address (default 443 with TLS, else 80)")
    parser.add_argument("--server-name", default="_")
    parser.add_argument("--certificate", help="TLS certificate (full chain)")
    parser.add_argument("--key", help="its private key")
    parser.add_argument("--build-root", type=Path, help="the folder holding static/ (default: the app's)")
    parser.add_argument("--brotli", choices=("auto", "on", "off"), default="auto")
    args = parser.parse_args(argv)
    site = Site(
        ports=list(range(args.first_port, args.first_port + args.processes)),
        listen=args.listen or ("443" if args.certificate else "80"),
        server_name=args.server_name,
        certificate=args.certificate,
        key=args.key,
        build_root=args.build_root,
        brotli={"auto": None, "on": True, "off": False}[args.brotli],
    )
    sys.stdout.write(render(site))
    return 0


if __name__ == "__main__":
    sys.exit(main())
