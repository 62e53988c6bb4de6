"""The rate limiter's arithmetic and the size/format errors of the extract page, without a store."""

from __future__ import annotations

from sitrep.api.security import TokenBucket


def test_token_bucket_spends_refills_and_caps():
    b = TokenBucket(rate=2.0, burst=4.0)
    assert [b.take("a", now=0.0) for _ in range(4)] == [0.0] * 4
    assert b.take("a", now=0.0) == 0.5          # one token arrives in 1/rate s
    assert b.take("b", now=0.0) == 0.0          # buckets are per client
    assert b.take("a", now=0.5) == 0.0          # refilled
    assert b.take("a", cost=4.0, now=100.0) == 0.0  # refill is capped at burst: 4 tokens, not 200
    assert b.take("a", now=100.0) == 0.5


def test_token_bucket_memory_is_bounded():
    b2 = TokenBucket(rate=1.0, burst=2.0, max_keys=10)
    for i in range(50):
        b2.take(f"k{i}", cost=5.0, now=0.0)  # refused: bucket stays full and is dropped on overflow
    assert len(b2._buckets) <= 11
