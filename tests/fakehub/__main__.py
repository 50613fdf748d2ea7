"""Run a FakeHub as a standalone server until interrupted (Ctrl+C or SIGTERM).

    python -m tests.fakehub --port 8765 --synthetic acme:5000 --synthetic beta:200 --latency-ms 20
"""

import argparse
import logging
import signal

from tests.fakehub.server import DEFAULT_PAGE_SIZE, FakeHub


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    hub = FakeHub(port=args.port, page_size=args.page_size, load_fixtures=not args.no_fixtures)
    for namespace, count in args.synthetic:
        hub.add_synthetic_namespace(namespace, count, n_datasets=args.datasets_per_namespace)
    if args.latency_ms:
        hub.delay(args.latency_ms / 1000)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one access-log line per request slows benchmarks
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with hub:
        print(f"Fake Hub serving on {hub.url}", flush=True)
        try:
            signal.pause()
        except KeyboardInterrupt:
            pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tests.fakehub", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (default: any free port)")
    parser.add_argument("--synthetic", type=_namespace_count, action="append", default=[], metavar="NS:COUNT",
                        help="add COUNT synthetic models under namespace NS (repeatable)")
    parser.add_argument("--datasets-per-namespace", type=int, default=0, help="synthetic datasets per namespace")
    parser.add_argument("--latency-ms", type=float, default=0, help="delay every answer by this many milliseconds")
    parser.add_argument("--page-size", type=int, default=DEFAULT_PAGE_SIZE, help="rows per listing page")
    parser.add_argument("--no-fixtures", action="store_true", help="do not serve tests/data/hub")
    return parser


def _namespace_count(value: str) -> tuple[str, int]:
    namespace, _, count = value.partition(":")
    if not namespace or not count.isdigit():
        raise argparse.ArgumentTypeError(f"expected NS:COUNT, got {value!r}")
    return namespace, int(count)


if __name__ == "__main__":
    main()
