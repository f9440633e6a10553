"""`python -m argmap` and the `argmap` console script."""

from argmap.cli import main

if __name__ == "__main__":
    main()
