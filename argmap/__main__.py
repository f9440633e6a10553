"""`python -m argmap` and the `argmap` console script."""

from argmap.cli import main
from argmap.cli.console import end_now


def run() -> None:
    """The program: `main`, then the quickest exit there is (`end_now`).
    `main` itself ends by raising SystemExit, for callers in Python."""
    try:
        main()
    except SystemExit as ending:
        end_now(ending.code)
        raise


if __name__ == "__main__":
    run()
