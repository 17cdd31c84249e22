"""`python -m benchmarks.faults`: the fault run (a few minutes), then one app server against all of them."""

from __future__ import annotations

import argparse
import sys

from benchmarks.faults.cluster import ClusterOptions
from benchmarks.faults.run import FaultRunOptions, load_average, run_faults
from benchmarks.faults.schedule import Timetable


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.faults", description=__doc__)
    parser.add_argument("--seconds", type=float, default=240, help="length of the traffic under faults (240)")
    parser.add_argument("--clients", type=int, default=6, help="client threads sending requests (6)")
    parser.add_argument("--app-servers", type=int, default=3, help="waypost serve processes behind nginx (3)")
    parser.add_argument("--workers", type=int, default=2, help="waypost worker processes (2)")
    parser.add_argument("--redis-down", type=float, default=20, help="seconds Redis stays stopped (20)")
    parser.add_argument("--mail-refused", type=float, default=30, help="seconds the SMTP server answers 451 (30)")
    parser.add_argument("--scaling-seconds", type=int, default=15, help="wrk time per server count; 0 skips it (15)")
    options = parser.parse_args()
    timetable = Timetable.spread_over(options.seconds, redis_down=options.redis_down, mail_refused=options.mail_refused)
    cluster = ClusterOptions(app_servers=options.app_servers, workers=options.workers)
    print(f"fault run: {options.seconds:.0f} s, load {load_average()} at start", flush=True)
    result = run_faults(
        FaultRunOptions(
            timetable=timetable, clients=options.clients, cluster=cluster, scaling_seconds=options.scaling_seconds
        )
    )
    print("\n".join(result.lines))
    print(f"load {load_average()} at the end")
    return 0 if result.verdict.kept_every_promise else 1


if __name__ == "__main__":
    sys.exit(main())
