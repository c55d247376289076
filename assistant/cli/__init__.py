"""The `rolqa` command line (main.py), its Chinese usage messages (usage.py) and printing (output.py)."""
from .main import main, run

__all__ = ["main", "run"]
