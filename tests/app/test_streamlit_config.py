"""The server settings `make run` starts with, as Streamlit itself reads them.

Read in a fresh interpreter from the project root, where `make run` starts Streamlit: a
misspelt key or section in .streamlit/config.toml is only a warning to Streamlit, so the test
asks Streamlit for the values instead of reading the file.
"""

from __future__ import annotations

import json
import subprocess
import sys

from streamlit.config import ShowErrorDetailsConfigOptions

OPTIONS = (
    "server.address", "client.showErrorDetails", "client.disableDataExport", "client.toolbarMode",
    "server.fileWatcherType", "runner.magicEnabled",
)


def _options_read_by_streamlit(root) -> dict[str, object]:
    script = (
        "import json, sys; from streamlit import config; "
        "print(json.dumps({k: config.get_option(k) for k in sys.argv[1:]}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *OPTIONS],
        cwd=root, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_local_only_no_error_details_no_raw_export(paths):
    options = _options_read_by_streamlit(paths["root"])
    assert options["server.address"] == "127.0.0.1"
    assert options["client.showErrorDetails"] == ShowErrorDetailsConfigOptions.NONE
    assert options["client.disableDataExport"] is True  # one download path: the safe button
    assert options["client.toolbarMode"] == "minimal"  # no Deploy button, no developer menu
    assert options["server.fileWatcherType"] == "none"  # no module walk on every run
    assert options["runner.magicEnabled"] is False  # no syntax-tree rewrite before a first map


def test_make_run_serves_on_a_network_only_when_asked(paths):
    def run_command(*arguments: str) -> str:
        done = subprocess.run(
            ["make", "--dry-run", "--always-make", "run", *arguments],
            cwd=paths["root"], capture_output=True, text=True, check=True, timeout=60,
        )  # fmt: skip
        return next(line for line in done.stdout.splitlines() if "streamlit run" in line)

    assert "--server.address" not in run_command()
    assert run_command("ADDRESS=0.0.0.0").endswith("--server.address 0.0.0.0")
