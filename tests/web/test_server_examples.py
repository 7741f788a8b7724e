"""The web examples, each driven by a real client (or, for the fetcher, a real server)."""
from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from webserver_support import ROOT, free_port, start_server

__all__ = ["start_server"]


def request(port: int, method: str, path: str, body: bytes | None = None,
            headers: dict | None = None) -> tuple[int, dict, bytes]:
    """One request on a new connection: (status, headers in lower case, body)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def test_hello_server(start_server) -> None:
    with start_server("examples/hello-server.scm") as srv:
        assert request(srv.port, "GET", "/")[::2] == (200, b"Hello, World!")


def test_web_app_routes(start_server) -> None:
    with start_server("examples/web-app.scm") as srv:
        status, headers, body = request(srv.port, "GET", "/")
        assert status == 200 and headers["content-type"] == "application/json;charset=utf-8"
        assert [item["name"] for item in json.loads(body)] == ["tea", "coffee"]
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        status, headers, body = request(srv.port, "POST", "/items",
                                        b"name=green+tea%21&price=3.5", form)
        assert status == 201 and headers["location"] == "/items/3"
        assert json.loads(body) == {"id": 3, "name": "green tea!", "price": 3.5}
        status, _, body = request(srv.port, "GET", "/items/3")
        assert status == 200 and json.loads(body)["name"] == "green tea!"
        assert len(json.loads(request(srv.port, "GET", "/")[2])) == 3
        assert request(srv.port, "POST", "/items", b"name=x", form)[0] == 400
        assert request(srv.port, "GET", "/items/42")[0] == 404
        assert request(srv.port, "GET", "/elsewhere")[0] == 404
        assert request(srv.port, "DELETE", "/items/1")[0] == 405


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A directory to serve, next to a secret one that symbolic links try to reach."""
    root, secret = tmp_path / "root", tmp_path / "secret"
    (root / "sub").mkdir(parents=True)
    (root / "indexed").mkdir()
    secret.mkdir()
    (secret / "s.txt").write_text("top secret\n")
    (tmp_path / "beside.txt").write_text("not yours\n")
    (root / "a.txt").write_text("hello\n")
    (root / "sub" / "page.html").write_text("<p>page</p>\n")
    (root / "indexed" / "index.html").write_text("<h1>index</h1>\n")
    (root / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (root / "data.bin").write_bytes(b"\x00\x01")
    (root / "escape").symlink_to(secret)
    (root / "leak.txt").symlink_to(secret / "s.txt")
    (root / "fine.txt").symlink_to("a.txt")
    (root / "sub" / "index.html").symlink_to(secret / "s.txt")
    return root


def test_web_files_serves_files_with_their_types(start_server, site) -> None:
    with start_server("examples/web-files.scm", str(site)) as srv:
        status, headers, body = request(srv.port, "GET", "/a.txt")
        assert (status, headers["content-type"], body) == (200, "text/plain", b"hello\n")
        status, headers, body = request(srv.port, "GET", "/pic.png")
        assert (status, headers["content-type"]) == (200, "image/png")
        assert body == (site / "pic.png").read_bytes()
        assert request(srv.port, "GET", "/data.bin")[1]["content-type"] == \
            "application/octet-stream"
        assert request(srv.port, "GET", "/fine.txt")[2] == b"hello\n"
        status, headers, body = request(srv.port, "GET", "/indexed/")
        assert (status, body) == (200, b"<h1>index</h1>\n")
        status, headers, body = request(srv.port, "GET", "/")
        assert status == 200 and headers["content-type"] == "text/html;charset=utf-8"
        assert b'<a href="a.txt">a.txt</a>' in body and b'<a href="sub/">sub/</a>' in body
        status, headers, _ = request(srv.port, "GET", "/indexed")
        assert (status, headers["location"]) == (301, "/indexed/")
        status, headers, body = request(srv.port, "HEAD", "/a.txt")
        assert (status, headers["content-length"], body) == (200, "6", b"")
        assert request(srv.port, "POST", "/a.txt", b"x")[0] == 405
        assert request(srv.port, "GET", "/missing.txt")[0] == 404


@pytest.mark.parametrize("path", [
    "/../beside.txt", "/sub/../../beside.txt", "/%2e%2e/beside.txt", "/%2E%2E/secret/s.txt",
    "/sub/%2e%2e/%2e%2e/beside.txt", "/..%2fbeside.txt", "/escape/s.txt", "/leak.txt", "/sub/",
    "/./a.txt",
])
def test_web_files_refuses_paths_outside_its_root(start_server, site, path) -> None:
    with start_server("examples/web-files.scm", str(site)) as srv:
        status, _, body = request(srv.port, "GET", path)
        assert status == 403 and b"top secret" not in body and b"not yours" not in body


class SlowHandler(BaseHTTPRequestHandler):
    """Answers /delay/MS after MS milliseconds; `events` records each request's arrival and answer
    in order, which shows whether the client had them all in flight at once."""

    events: list[str] = []

    def do_GET(self) -> None:
        ms = int(self.path.rsplit("/", 1)[1])
        self.events.append("arrive")
        time.sleep(ms / 1000)
        self.events.append("answer")
        body = f"slept {ms}\n".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def slow_server() -> Iterator[int]:
    """A threaded Python HTTP server on a free port; yields the port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), SlowHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def run_example(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "schemeth", *args], capture_output=True,
                          text=True, timeout=timeout, env=env, cwd=ROOT)


def test_web_fetch_fetches_concurrently(slow_server) -> None:
    delays = [1500, 1400, 1300, 1200, 1100]
    urls = [f"http://127.0.0.1:{slow_server}/delay/{ms}" for ms in delays]
    SlowHandler.events.clear()
    r = run_example("examples/web-fetch.scm", *urls, f"http://127.0.0.1:{free_port()}/delay/1")
    lines = r.stdout.splitlines()
    assert r.returncode == 0, r.stderr
    assert sorted(line.split()[-1] for line in lines if line.startswith("200 ")) == sorted(urls)
    assert lines[0].startswith("failed"), "the refused connection fails first"
    assert lines[-1].endswith(urls[0]), "the slowest comes last"
    assert all(line.split()[1:3] == ["11", "bytes"] for line in lines[1:])  # "slept NNNN\n"
    assert SlowHandler.events == ["arrive"] * 5 + ["answer"] * 5, "all fetches are in flight at once"


def test_web_fetch_demo() -> None:
    r = run_example("examples/web-fetch.scm", str(free_port()))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 7 and all(line.startswith("200") for line in lines[:6])
    assert lines[-1].startswith("fetched 6 URLs in")
    total = float(lines[-1].split()[4])
    assert total < 2.1
