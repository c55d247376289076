"""`python -m assistant.cli`: the same as the `rolqa` console script."""
from .main import run

if __name__ == "__main__":
    run()
