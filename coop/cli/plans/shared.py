"""What the production-planning commands share beyond :mod:`coop.cli.commands`: negative numbers."""

# A quantity typed as "-4" reaches the service, which says plainly that it cannot be negative,
# instead of the parser taking it for an unknown option.
NUMBERS_MAY_BE_NEGATIVE = {"ignore_unknown_options": True}
