"""coop: governance toolkit for self-managed worker cooperatives."""

__version__ = "0.1.0"
