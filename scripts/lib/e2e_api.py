"""The JSON API client the end-to-end scripts share: `call(method, path, body, headers)` returns
(status, parsed body) and never raises on an HTTP error status; `signed_in` waits for the server
and signs in."""
import json
import time
import urllib.error
import urllib.request


def client(port):
    base = f"http://127.0.0.1:{port}"

    def call(method, path, body=None, headers=None):
        req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"content-type": "application/json", **(headers or {})})
        try:
            with urllib.request.urlopen(req) as r:
                return r.status, json.loads(r.read() or b"{}")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"{}")
    return call


def signed_in(port, username, password):
    """(call, auth headers) once the server answers /health."""
    call = client(port)
    for _ in range(100):
        try:
            call("GET", "/health")
            break
        except OSError:
            time.sleep(0.1)
    _, s = call("POST", "/api/sessions", {"username": username, "password": password})
    return call, {"authorization": "Bearer " + s["token"]}
