"""docproc: document pre-review for home-loan applications."""

__version__ = "0.1.0"
