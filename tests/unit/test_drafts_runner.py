"""The drafts runner: drafts made off the event loop equal those made in place."""

import asyncio

from services.query.drafts import draft
from services.query.drafts.runner import DraftRunner

BODY = {"text": "한국기계연구원은 2019년 5월 14일 민스크에서 벨라루스 국립과학아카데미와 상호협력 협정을 체결했다.",
        "published": "2019-05-20", "publisher": "테스트"}


def test_thread_and_process_runners_give_the_same_drafts():
    for processes in (False, True):
        runner = DraftRunner(processes=processes)
        try:
            async def go(r=runner):
                await r.warm_up()
                return await asyncio.gather(r.draft(BODY), r.draft(BODY))
            a, b = asyncio.run(go())
        finally:
            runner.close()
        assert a == b == draft(BODY)
