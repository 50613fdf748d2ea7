"""bench/load_benchmark.py's reading of wrk's output and its table (the runs themselves need the whole stack:
docs/benchmarks.md)."""

from bench.load_benchmark import parse_wrk, table

WRK_OUTPUT = """Running 2s test @ http://127.0.0.1:8000/api/v1/projects/
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   110.40ms   50.00ms   1.20s    80.00%
    Req/Sec   116.70     20.00   150.00     70.00%
  Latency Distribution
     50%  110.40ms
     75%  130.00ms
     90%  200.00ms
     99%    1.20s
  234 requests in 2.00s, 67.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 3
Requests/sec:    116.70
Transfer/sec:     33.50MB
"""


def test_wrk_numbers_are_read_with_every_error_counted():
    numbers = parse_wrk(WRK_OUTPUT)

    assert numbers == {"rps": 116.7, "requests": 234, "p50_ms": 110.4, "p99_ms": 1200.0, "non_2xx_3xx": 3,
                       "socket_errors": 3, "errors": 6}


def test_the_table_gives_each_mode_its_ratio_to_both_references():
    run = {**parse_wrk(WRK_OUTPUT), "load_average": (1.0, 1.0, 1.0), "settle_s": 0}
    result = {"projects": 10, "connections": 16, "duration_s": 2, "gunicorn_workers": 3,
              "machine": {"cpus": 2, "cpu": "test", "load_average": (1.5, 1.0, 1.0)},
              "targets": {"badge": {"bytes": 1333, "queries": {"cold": 3, "warm": 1, "304": 1}, "runs": {
                  "cold": run, "warm": {**run, "rps": 233.4}, "bare": {**run, "rps": 1167.0},
                  "nginx": {**run, "rps": 11670.0}}}}}

    lines = table(result).splitlines()

    warm = next(line for line in lines if line.startswith("badge            warm"))
    assert warm.split()[-4:] == ["0.20", "0.02", "1", "1333"]
    assert "load average at start 1.5" in lines[0]
