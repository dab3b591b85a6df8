"""Who may write: everyone reads; adding reports and reviewing need the editor password.

The password is set where the server starts (NRF_EDITOR_PASSWORD), never in the page or the
repository. Unset or blank means the dashboard is read-only: no edit control is drawn at all,
so a visitor cannot even try. A password is compared in constant time (hmac.compare_digest on
its UTF-8 bytes, so its length and content leak nothing through timing), and every wrong
attempt waits FAILURE_DELAY_S while holding one process-wide lock: guesses are serialised
across all visitors and sessions, so the server accepts at most one wrong guess per delay,
however many browser tabs a guesser opens.
"""

from __future__ import annotations

import hmac
import os
import threading
import time
from collections.abc import Mapping

PASSWORD_ENV = "NRF_EDITOR_PASSWORD"
FAILURE_DELAY_S = 1.0
# Longer entries are refused before comparing: no password is this long, and hashing or
# comparing megabytes pasted into the field must not slow the server.
MAX_PASSWORD_CHARS = 1024

_ATTEMPTS = threading.Lock()


def editor_password(environ: Mapping[str, str] | None = None) -> str | None:
    """The password set for this server, or None when editing is off (unset or blank)."""
    value = (environ if environ is not None else os.environ).get(PASSWORD_ENV, "")
    return value if value.strip() else None


def editing_enabled(environ: Mapping[str, str] | None = None) -> bool:
    """True when the server was started with an editor password."""
    return editor_password(environ) is not None


def check_password(
    entered: str,
    password: str | None,
    *,
    delay: float = FAILURE_DELAY_S,
) -> bool:
    """True when entered is the password; a wrong entry returns only after `delay` seconds,
    during which no other attempt on this server is checked. Always False when editing is
    off (password None)."""
    if password is None:
        return False
    with _ATTEMPTS:
        ok = len(entered) <= MAX_PASSWORD_CHARS and hmac.compare_digest(
            entered.encode("utf-8", "surrogatepass"), password.encode("utf-8", "surrogatepass")
        )
        if not ok:
            time.sleep(delay)
    return ok
