"""`shared.wal_checkpoints.Checkpoints`: one checkpoint at a time, failures logged, and waiting
for the one in flight never swallows the waiter's own cancellation."""

from __future__ import annotations

import asyncio

import pytest

from shared.wal_checkpoints import Checkpoints


async def test_wait_lets_the_callers_cancellation_through():
    release = asyncio.Event()
    checkpoints = Checkpoints(release.wait, 0.0, "test-checkpoint")
    checkpoints.written()
    waiter = asyncio.create_task(checkpoints.wait())
    await asyncio.sleep(0.01)
    waiter.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiter
    release.set()


async def test_a_failed_checkpoint_is_logged_and_the_next_one_runs(capsys):
    calls = []

    async def checkpoint():
        calls.append(1)
        if len(calls) == 1:
            raise OSError("disk full")

    checkpoints = Checkpoints(checkpoint, 0.0, "test-checkpoint")
    checkpoints.written()
    await checkpoints.wait()
    assert "wal_checkpoint_failed" in capsys.readouterr().out
    checkpoints.written()
    await checkpoints.wait()
    assert len(calls) == 2
