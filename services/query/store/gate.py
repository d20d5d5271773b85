"""A shared/exclusive gate: reads and writes hold it shared, briefly; a swap holds it alone."""

from __future__ import annotations

import asyncio
import contextlib


class Gate:
    def __init__(self) -> None:
        self._cond = asyncio.Condition()
        self._holders = 0
        self._closed = False

    @contextlib.asynccontextmanager
    async def shared(self):
        async with self._cond:
            await self._cond.wait_for(lambda: not self._closed)
            self._holders += 1
        try:
            yield
        finally:
            async with self._cond:
                self._holders -= 1
                self._cond.notify_all()

    @contextlib.asynccontextmanager
    async def exclusive(self):
        async with self._cond:
            await self._cond.wait_for(lambda: not self._closed)
            self._closed = True  # new holders wait from here on
            await self._cond.wait_for(lambda: self._holders == 0)
        try:
            yield
        finally:
            async with self._cond:
                self._closed = False
                self._cond.notify_all()
