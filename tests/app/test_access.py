"""The editor password: who may write, compared in constant time, wrong guesses slowed."""

from __future__ import annotations

import threading
import time

import pytest

from app import access


@pytest.mark.parametrize("value", [None, "", "   "])
def test_no_password_means_read_only(value):
    environ = {} if value is None else {access.PASSWORD_ENV: value}
    assert access.editor_password(environ) is None
    assert not access.editing_enabled(environ)
    assert not access.check_password("", access.editor_password(environ), delay=0)
    assert not access.check_password("   ", access.editor_password(environ), delay=0)


def test_the_right_password_opens_and_wrong_ones_do_not():
    password = access.editor_password({access.PASSWORD_ENV: "corrélation-7"})
    assert access.editing_enabled({access.PASSWORD_ENV: "corrélation-7"})
    assert access.check_password("corrélation-7", password, delay=0)
    for wrong in ("", "corrélation-", "corrélation-77", "correlation-7", "CORRÉLATION-7"):
        assert not access.check_password(wrong, password, delay=0), wrong


def test_an_entry_that_cannot_be_utf8_is_refused_not_an_error():
    assert not access.check_password("\ud800", "secret", delay=0)


def test_an_overlong_entry_is_refused():
    password = "x" * (access.MAX_PASSWORD_CHARS + 1)
    assert not access.check_password(password, password, delay=0)


def test_a_wrong_guess_waits_and_guesses_are_serialised_across_sessions():
    delay = 0.3
    start = time.monotonic()
    assert access.check_password("secret", "secret", delay=delay)
    assert time.monotonic() - start < delay, "the right password is not slowed"

    results: list[bool] = []

    def guess() -> None:
        results.append(access.check_password("x", "secret", delay=delay))

    guesses = [threading.Thread(target=guess) for _ in range(3)]
    start = time.monotonic()
    for guess in guesses:
        guess.start()
    for guess in guesses:
        guess.join()
    assert results == [False, False, False]
    assert time.monotonic() - start >= 3 * delay, "three parallel guesses take three delays"
