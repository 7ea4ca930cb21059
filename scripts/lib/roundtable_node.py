"""Starts `roundtable serve` for the test scripts on a port it binds itself (`--port 0`), so that no script picks a
port another process could take first, and waits until it has started."""

import os
import subprocess
import time
import urllib.request

PUBLIC_URL = "http://127.0.0.1"


def start(binary, arguments, log, timeout=300):
    """Runs `roundtable serve --port 0 --port-file …` with more arguments (a --public-url defaults to PUBLIC_URL),
    its output going to the open file `log`. Returns the process and its base URL once /healthz answers 200; raises,
    with the node stopped, if it exits first or the timeout passes."""
    port_file = log.name + ".port"
    if "--public-url" not in arguments:
        arguments = arguments + ["--public-url", PUBLIC_URL]
    node = subprocess.Popen([binary, "serve", "--port", "0", "--port-file", port_file] + arguments, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{wait_for_port(node, port_file, timeout)}"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if node.poll() is not None:
                raise RuntimeError(f"the node exited with status {node.returncode} before /healthz answered")
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=5) as reply:
                    if reply.status == 200:
                        return node, base
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"GET /healthz did not answer 200 within {timeout} s")
    except BaseException:
        stop(node)
        raise


def wait_for_port(node, port_file, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if os.path.exists(port_file):
            with open(port_file) as f:
                return int(f.read().strip())
        if node.poll() is not None:
            raise RuntimeError(f"the node exited with status {node.returncode} before it listened")
        time.sleep(0.05)
    raise RuntimeError(f"the node wrote no port file within {timeout} s")


def stop(node):
    """SIGTERM to its PID, then SIGKILL if it has not exited within 10 s."""
    if node.poll() is None:
        node.terminate()
        try:
            node.wait(10)
        except subprocess.TimeoutExpired:
            node.kill()
            node.wait()
