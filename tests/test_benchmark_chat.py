"""`python -m benchmarks.chat` reads the app servers' own time for a post from their Prometheus histograms."""

from __future__ import annotations

from benchmarks.chat import POST_DURATION, bucket_percentiles

METRICS = """\
waypost_http_request_duration_seconds_bucket{le="0.005",method="POST",route="conversations:send"} 50.0
waypost_http_request_duration_seconds_bucket{le="0.01",method="POST",route="conversations:send"} 90.0
waypost_http_request_duration_seconds_bucket{le="0.025",method="POST",route="conversations:send"} 95.0
waypost_http_request_duration_seconds_bucket{le="0.05",method="POST",route="conversations:send"} 100.0
waypost_http_request_duration_seconds_bucket{le="+Inf",method="POST",route="conversations:send"} 100.0
waypost_http_request_duration_seconds_bucket{le="0.005",method="GET",route="conversations:send"} 7.0
waypost_http_request_duration_seconds_bucket{le="0.005",method="POST",route="intake:start"} 9.0
"""


def test_only_the_posts_of_chat_messages_are_read() -> None:
    assert POST_DURATION.findall(METRICS) == [
        ("0.005", "50.0"),
        ("0.01", "90.0"),
        ("0.025", "95.0"),
        ("0.05", "100.0"),
        ("+Inf", "100.0"),
    ]


def test_each_share_is_the_smallest_bound_that_holds_it() -> None:
    within = {float(bound): float(count) for bound, count in POST_DURATION.findall(METRICS)}

    assert bucket_percentiles(within) == "p50 ≤ 5 ms, p90 ≤ 10 ms, p95 ≤ 25 ms, p99 ≤ 50 ms (100 posts)"
    assert bucket_percentiles({}) == "no posts recorded"
